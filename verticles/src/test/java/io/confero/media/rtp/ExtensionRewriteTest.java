package io.confero.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Per-receiver header-extension ids (RFC 8285 §4.2, §4.3): renamed, dropped as padding, never leaked. */
class ExtensionRewriteTest {

    /** Firefox 153's video numbering: 3 mid, 4 abs-send-time, 5 toffset, 7 transport-cc. */
    static final byte[] FIREFOX_VIDEO = Hex.bytes("""
        90 78 0001 00000001 00000002
        bede 0004
        30 31                # id 3 sdes:mid "1"
        42 12 34 56          # id 4 abs-send-time
        52 00 00 07          # id 5 toffset
        71 ab cd             # id 7 transport-cc
        00 00 00             # padding
        ff
        """);

    private static RtpPacket parse(byte[] b) {
        return RtpPacket.parse(b, 0, b.length);
    }

    @Test
    void firefoxVideoIdsBecomeChromiumsAndTheRestIsPadding() {
        byte[] b = FIREFOX_VIDEO.clone();
        ExtensionRewrite.of(Map.of(4, 2, 7, 3)).apply(parse(b));
        RtpPacket p = parse(b);
        assertThat(RtpExtensions.absSendTime(p, 2)).isEqualTo(0x123456);
        assertThat(RtpExtensions.transportSequence(p, 3)).isEqualTo(0xabcd);
        assertThat(RtpExtensions.find(p, 4)).as("Chromium's mid id must not carry abs-send-time").isEqualTo(-1);
        assertThat(RtpExtensions.find(p, 5)).isEqualTo(-1);
        assertThat(RtpExtensions.find(p, 7)).isEqualTo(-1);
        assertThat(Arrays.copyOfRange(b, 16, 18)).as("the mid element is padding now").containsOnly(0);
        assertThat(p.payloadLength()).isEqualTo(1);
        assertThat(b[b.length - 1]).isEqualTo((byte) 0xff);
    }

    @Test
    void swappedIdsAreRewrittenFromTheOriginalNotTheRenamedOne() {
        byte[] b = FIREFOX_VIDEO.clone();
        ExtensionRewrite.of(Map.of(4, 7, 7, 4)).apply(parse(b));
        RtpPacket p = parse(b);
        assertThat(RtpExtensions.absSendTime(p, 7)).isEqualTo(0x123456);
        assertThat(RtpExtensions.transportSequence(p, 4)).isEqualTo(0xabcd);
    }

    @Test
    void twoByteFormRenamesAboveFourteenAndDropsTheRest() {
        byte[] b = Rfc8285HeaderExtensionTest.TWO_BYTE.clone();
        ExtensionRewrite.of(Map.of(32, 200, 10, 1)).apply(parse(b));
        RtpPacket p = parse(b);
        assertThat(RtpExtensions.transportSequence(p, 200)).isEqualTo(0xabcd);
        assertThat(RtpExtensions.rtpStreamId(p, 1)).isEqualTo("low");
        assertThat(RtpExtensions.find(p, 11)).isEqualTo(-1);
        assertThat(RtpExtensions.find(p, 32)).isEqualTo(-1);
    }

    @Test
    void aTargetAboveFourteenCannotBeWrittenInTheOneByteFormSoTheElementIsDropped() {
        byte[] b = FIREFOX_VIDEO.clone();
        ExtensionRewrite.of(Map.of(7, 20)).apply(parse(b));
        assertThat(RtpExtensions.find(parse(b), 7)).isEqualTo(-1);
        assertThat(Arrays.copyOfRange(b, 16, 32)).containsOnly(0);
    }

    @Test
    void aMalformedRemainderIsZeroedAndTheHeaderKept() {
        byte[] b = Hex.bytes("9060000100000001000000aa bede0002 42 12 34 56 1f 30 30 30");
        ExtensionRewrite.of(Map.of(4, 2)).apply(parse(b));
        assertThat(RtpExtensions.absSendTime(parse(b), 2)).isEqualTo(0x123456);
        assertThat(Arrays.copyOfRange(b, 20, 24)).containsOnly(0);
        byte[] fifteen = Hex.bytes("9060000100000001000000aa bede0001 f0 10 30 00");
        ExtensionRewrite.DROP_ALL.apply(parse(fifteen));
        assertThat(Arrays.copyOfRange(fifteen, 16, 20)).containsOnly(0);
    }

    @Test
    void aPacketWithoutExtensionsIsUntouched() {
        byte[] b = Hex.bytes("8060000100000001000000aa");
        ExtensionRewrite.DROP_ALL.apply(parse(b));
        assertThat(b).isEqualTo(Hex.bytes("8060000100000001000000aa"));
    }

    @Test
    void invalidMapsAreRefused() {
        assertThatThrownBy(() -> ExtensionRewrite.of(Map.of(1, 3, 2, 3))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExtensionRewrite.of(Map.of(0, 3))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExtensionRewrite.of(Map.of(3, 256))).isInstanceOf(IllegalArgumentException.class);
        assertThat(ExtensionRewrite.of(Map.of(3, 4)).target(300)).isZero();
    }

    /** Whatever the bytes, only the extension block changes and afterwards only target ids remain in it. */
    @Property(tries = 3000)
    void onlyTargetIdsSurviveAndNothingOutsideTheBlockChanges(@ForAll("mutated") byte[] bytes) {
        RtpPacket p = RtpPacket.parse(bytes, 0, bytes.length);
        if (p == null) {
            return;
        }
        byte[] before = bytes.clone();
        ExtensionRewrite rewrite = ExtensionRewrite.of(Map.of(4, 2, 7, 3, 32, 200));
        rewrite.apply(p);
        int from = Math.max(p.extensionDataOffset(), 0);
        int to = from + Math.max(p.extensionDataLength(), 0);
        assertThat(Arrays.copyOfRange(bytes, 0, from)).isEqualTo(Arrays.copyOfRange(before, 0, from));
        assertThat(Arrays.copyOfRange(bytes, to, bytes.length)).isEqualTo(Arrays.copyOfRange(before, to, bytes.length));
        for (int id = 1; id <= 255; id++) {
            if (id != 2 && id != 3 && id != 200) {
                assertThat(RtpExtensions.find(p, id)).as("id %d", id).isEqualTo(-1);
            }
        }
    }

    @Provide
    Arbitrary<byte[]> mutated() {
        byte[][] seeds = {FIREFOX_VIDEO, Rfc8285HeaderExtensionTest.ONE_BYTE, Rfc8285HeaderExtensionTest.TWO_BYTE};
        return Arbitraries.of(seeds).flatMap(seed -> Arbitraries.integers().between(12, seed.length - 1)
            .tuple2().flatMap(t -> Arbitraries.bytes().tuple2().map(v -> {
                byte[] b = seed.clone();
                b[t.get1()] = v.get1();
                b[t.get2()] ^= v.get2();
                return b;
            })));
    }
}
