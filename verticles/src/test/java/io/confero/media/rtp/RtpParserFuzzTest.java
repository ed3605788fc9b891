package io.confero.media.rtp;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Fuzz: RtpPacket.parse and the extension readers never throw on arbitrary or mutated bytes. */
class RtpParserFuzzTest {

    @Property(tries = 3000)
    void randomBytesNeverThrow(@ForAll @Size(max = 200) byte[] bytes, @ForAll @IntRange(max = 8) int off) {
        exercise(bytes, Math.min(off, bytes.length), Math.max(0, bytes.length - off));
    }

    @Property(tries = 3000)
    void mutatedValidPacketsNeverThrow(@ForAll("mutated") byte[] bytes) {
        exercise(bytes, 0, bytes.length);
    }

    @Provide
    Arbitrary<byte[]> mutated() {
        byte[][] seeds = {Rfc8285HeaderExtensionTest.ONE_BYTE, Rfc8285HeaderExtensionTest.TWO_BYTE,
            Rfc4588RtxTest.RTX};
        return Arbitraries.of(seeds).flatMap(seed -> Arbitraries.integers().between(0, seed.length - 1)
            .tuple3().flatMap(t -> Arbitraries.bytes().tuple2().map(v -> {
                byte[] b = seed.clone();
                b[t.get1()] = v.get1();
                b[t.get2()] ^= v.get2();
                int cut = Math.max(t.get3(), 1);
                return java.util.Arrays.copyOf(b, cut + (b.length - cut) / 2);
            })));
    }

    private static void exercise(byte[] bytes, int off, int len) {
        if (off + len > bytes.length) {
            len = bytes.length - off;
        }
        RtpDemux.isRtcp(bytes, off, len);
        RtpDemux.isRtp(bytes, off, len);
        RtpPacket p = RtpPacket.parse(bytes, off, len);
        if (p == null) {
            return;
        }
        for (int i = 0; i < p.csrcCount(); i++) {
            p.csrc(i);
        }
        for (int id : new int[] {0, 1, 2, 3, 4, 5, 10, 14, 15, 32, 255, 256}) {
            RtpExtensions.readString(p, id);
            RtpExtensions.audioLevel(p, id);
            RtpExtensions.absSendTime(p, id);
            RtpExtensions.transportSequence(p, id);
            RtpExtensions.voiceActivity(p, id);
        }
        Rtx.originalSequenceNumber(p);
        if (p.payloadLength() < 0 || p.payloadOffset() + p.payloadLength() > off + len) {
            throw new AssertionError("payload outside packet");
        }
        byte[] copy = bytes.clone();
        RtpPacket q = RtpPacket.parse(copy, off, len);
        Rtx.unwrapInPlace(q, 1, 96);
    }
}
