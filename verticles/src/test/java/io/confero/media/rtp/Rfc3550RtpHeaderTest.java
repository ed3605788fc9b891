package io.confero.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 3550 §5.1 fixed header, CSRC list, §5.3.1 extension and P-bit padding. */
class Rfc3550RtpHeaderTest {

    static final String VP8_PACKET = """
        90 e0 1234 00003039 deadbeef   # V=2 P=0 X=1 CC=0, M=1 PT=96, seq 0x1234, ts 12345, ssrc
        bede 0001                      # one-byte extension, 1 word
        10 abcd 00                     # id=1 len=2 value abcd, padding byte
        01 02 03 04                    # payload
        """;

    @Test
    void parsesFixedHeaderFields() {
        RtpPacket p = RtpPacket.parse(Hex.bytes(VP8_PACKET), 0, 24);
        assertThat(p).isNotNull();
        assertThat(p.version()).isEqualTo(2);
        assertThat(p.hasPadding()).isFalse();
        assertThat(p.hasExtension()).isTrue();
        assertThat(p.csrcCount()).isZero();
        assertThat(p.marker()).isTrue();
        assertThat(p.payloadType()).isEqualTo(96);
        assertThat(p.sequenceNumber()).isEqualTo(0x1234);
        assertThat(p.timestamp()).isEqualTo(12345L);
        assertThat(p.ssrc()).isEqualTo(0xdeadbeef);
        assertThat(p.headerLength()).isEqualTo(20);
        assertThat(p.payloadOffset()).isEqualTo(20);
        assertThat(p.payloadLength()).isEqualTo(4);
        assertThat(p.extensionProfile()).isEqualTo(0xBEDE);
    }

    @Test
    void csrcListAndPaddingAreAccountedFor() {
        byte[] b = Hex.bytes("""
            a2 08 0001 ffffffff 00000001   # V=2 P=1 CC=2, PT=8, ts 2^32-1
            11111111 22222222              # CSRCs
            aa bb 00 00 03                 # payload aa bb, 3 bytes padding
            """);
        RtpPacket p = RtpPacket.parse(b, 0, b.length);
        assertThat(p.csrcCount()).isEqualTo(2);
        assertThat(p.csrc(0)).isEqualTo(0x11111111);
        assertThat(p.csrc(1)).isEqualTo(0x22222222);
        assertThat(p.timestamp()).isEqualTo(0xFFFFFFFFL);
        assertThat(p.headerLength()).isEqualTo(20);
        assertThat(p.paddingLength()).isEqualTo(3);
        assertThat(p.payloadLength()).isEqualTo(2);
        assertThat(p.removePadding()).isEqualTo(22);
        assertThat(RtpPacket.parse(b, 0, 22).hasPadding()).isFalse();
        assertThat(RtpPacket.parse(b, 0, 22).payloadLength()).isEqualTo(2);
    }

    @Test
    void settersRewriteInPlaceAndKeepOtherBits() {
        byte[] b = Hex.bytes(VP8_PACKET);
        byte[] before = b.clone();
        RtpPacket p = RtpPacket.parse(b, 0, b.length);
        p.setSsrc(0x01020304);
        p.setSequenceNumber(0xFFFF);
        p.setTimestamp(0x1_0000_0005L);
        p.setPayloadType(100);
        p.setMarker(false);
        assertThat(Hex.of(Arrays.copyOf(b, 12))).isEqualTo("9064ffff0000000501020304");
        assertThat(p.marker()).isFalse();
        assertThat(p.payloadType()).isEqualTo(100);
        assertThat(p.timestamp()).isEqualTo(5L);
        assertThat(Arrays.copyOfRange(b, 12, b.length)).isEqualTo(Arrays.copyOfRange(before, 12, before.length));
        p.setMarker(true);
        assertThat(b[1] & 0xFF).isEqualTo(0x80 | 100);
    }

    @Test
    void parsesAtNonZeroOffset() {
        byte[] pkt = Hex.bytes(VP8_PACKET);
        byte[] b = new byte[pkt.length + 7];
        System.arraycopy(pkt, 0, b, 5, pkt.length);
        RtpPacket p = RtpPacket.parse(b, 5, pkt.length);
        assertThat(p.sequenceNumber()).isEqualTo(0x1234);
        assertThat(p.payloadOffset()).isEqualTo(25);
        assertThat(p.payloadLength()).isEqualTo(4);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "too short,              80e0123400003039deadbe",
        "version 1,              40e0123400003039deadbeef",
        "version 0,              00e0123400003039deadbeef",
        "csrc truncated,         81e0123400003039deadbeef",
        "ext header truncated,   90e0123400003039deadbeefbede",
        "ext body truncated,     90e0123400003039deadbeefbede0002aabbccdd",
        "padding zero,           a0e0123400003039deadbeef0000",
        "padding exceeds packet, a0e0123400003039deadbeef0009",
    })
    void rejectsMalformedHeaders(String name, String hex) {
        byte[] b = Hex.bytes(hex);
        assertThat(RtpPacket.parse(b, 0, b.length)).isNull();
    }

    @Test
    void rejectsBadBounds() {
        byte[] b = Hex.bytes(VP8_PACKET);
        assertThat(RtpPacket.parse(b, -1, 12)).isNull();
        assertThat(RtpPacket.parse(b, 20, 12)).isNull();
        assertThat(RtpPacket.parse(null, 0, 12)).isNull();
        assertThat(RtpPacket.parse(b, 0, -3)).isNull();
    }

    @Test
    void zeroLengthPayloadIsValid() {
        byte[] b = Hex.bytes("8060000100000001000000aa");
        RtpPacket p = RtpPacket.parse(b, 0, b.length);
        assertThat(p.payloadLength()).isZero();
    }
}
