package io.confero.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 4588 §4 RTX payload format: OSN + original payload, own SSRC/PT/seq. */
class Rfc4588RtxTest {

    static final byte[] ORIGINAL = Hex.bytes("""
        90 e0 fffe 00000010 11111111   # M=1 PT=96 seq 65534
        bede 0001 51 00 07 00          # transport-cc 7
        01 02 03 04 05
        """);

    static final byte[] RTX = Hex.bytes("""
        90 e1 0009 00000010 22222222   # M=1 PT=97 seq 9 ssrc rtx
        bede 0001 51 00 07 00
        ff fe                          # OSN 65534
        01 02 03 04 05
        """);

    @Test
    void wrapProducesRfc4588Layout() {
        RtpPacket orig = RtpPacket.parse(ORIGINAL, 0, ORIGINAL.length);
        byte[] dst = new byte[64];
        int n = Rtx.wrap(orig, dst, 3, 0x22222222, 97, 9);
        assertThat(n).isEqualTo(RTX.length).isEqualTo(Rtx.wrappedLength(orig));
        assertThat(Arrays.copyOfRange(dst, 3, 3 + n)).isEqualTo(RTX);
    }

    /**
     * Hand-computed RFC 4588 §4 layouts over the 16-bit wrap table: the OSN is the original
     * sequence number (the one the receiver saw), the RTX header carries the RTX stream's own
     * sequence number, SSRC and PT; marker, timestamp and payload are kept.
     */
    @ParameterizedTest(name = "osn {0} rtx seq {1}")
    @CsvSource(delimiter = '|', textBlock = """
        0     | 65535 | 80 61 ffff 0000beef cafebabe  0000 c0 de
        1     | 0     | 80 61 0000 0000beef cafebabe  0001 c0 de
        32767 | 32768 | 80 61 8000 0000beef cafebabe  7fff c0 de
        32768 | 32767 | 80 61 7fff 0000beef cafebabe  8000 c0 de
        65534 | 1     | 80 61 0001 0000beef cafebabe  fffe c0 de
        65535 | 65534 | 80 61 fffe 0000beef cafebabe  ffff c0 de
        """)
    void wrapTableOfSequenceNumbers(int osn, int rtxSeq, String expected) {
        byte[] original = Hex.bytes("80 60 0000 0000beef 01020304 c0 de");
        RtpPacket p = RtpPacket.parse(original, 0, original.length);
        p.setSequenceNumber(osn);
        byte[] dst = new byte[Rtx.wrappedLength(p)];
        assertThat(Rtx.wrap(p, dst, 0, 0xcafebabe, 97, rtxSeq)).isEqualTo(16);
        assertThat(dst).isEqualTo(Hex.bytes(expected));
        RtpPacket rtx = RtpPacket.parse(dst, 0, dst.length);
        assertThat(Rtx.originalSequenceNumber(rtx)).isEqualTo(osn);
        assertThat(Rtx.unwrapInPlace(rtx, 0x01020304, 96)).isEqualTo(original.length);
        assertThat(Arrays.copyOf(dst, original.length)).isEqualTo(original);
    }

    @Test
    void unwrapRestoresOriginalInPlace() {
        byte[] b = RTX.clone();
        RtpPacket rtx = RtpPacket.parse(b, 0, b.length);
        assertThat(Rtx.originalSequenceNumber(rtx)).isEqualTo(65534);
        int n = Rtx.unwrapInPlace(rtx, 0x11111111, 96);
        assertThat(n).isEqualTo(ORIGINAL.length);
        assertThat(Arrays.copyOf(b, n)).isEqualTo(ORIGINAL);
        assertThat(RtpPacket.parse(b, 0, n).sequenceNumber()).isEqualTo(65534);
    }

    @Test
    void wrapDropsPaddingAndUnwrapRemovesIt() {
        byte[] padded = Hex.bytes("a0 60 0001 00000001 00000001  aa bb  00 02");
        RtpPacket p = RtpPacket.parse(padded, 0, padded.length);
        byte[] dst = new byte[32];
        int n = Rtx.wrap(p, dst, 0, 5, 97, 0);
        assertThat(Arrays.copyOf(dst, n)).isEqualTo(Hex.bytes("80 61 0000 00000001 00000005 0001 aa bb"));
        byte[] rtxPadded = Hex.bytes("a0 61 0000 00000001 00000005 0001 aa bb 00 00 03");
        RtpPacket r = RtpPacket.parse(rtxPadded, 0, rtxPadded.length);
        int m = Rtx.unwrapInPlace(r, 1, 96);
        assertThat(Arrays.copyOf(rtxPadded, m)).isEqualTo(Hex.bytes("80 60 0001 00000001 00000001 aa bb"));
    }

    @Test
    void tooShortRtxPayloadIsRejected() {
        byte[] b = Hex.bytes("80 61 0000 00000001 00000005 01");
        RtpPacket r = RtpPacket.parse(b, 0, b.length);
        assertThat(Rtx.originalSequenceNumber(r)).isEqualTo(-1);
        assertThat(Rtx.unwrapInPlace(r, 1, 96)).isEqualTo(-1);
    }

    @Test
    void wrapRejectsSmallDestination() {
        RtpPacket orig = RtpPacket.parse(ORIGINAL, 0, ORIGINAL.length);
        assertThatThrownBy(() -> Rtx.wrap(orig, new byte[10], 0, 1, 97, 1))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
