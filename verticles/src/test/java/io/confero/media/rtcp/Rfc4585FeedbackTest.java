package io.confero.media.rtcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.confero.media.rtp.Hex;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 4585 §6.3.1 PLI and RFC 5104 §4.3.1 FIR. */
class Rfc4585FeedbackTest {

    @Test
    void pictureLossIndication() throws Exception {
        RtcpPli pli = RtcpPli.parse(Vectors.PLI, 0, Vectors.PLI.length);
        assertThat(pli).isEqualTo(new RtcpPli(0x11223344, 0x55667788));
        byte[] out = new byte[pli.encodedLength()];
        assertThat(pli.writeTo(out, 0)).isEqualTo(12);
        assertThat(out).isEqualTo(Vectors.PLI);
    }

    @Test
    void fullIntraRequest() throws Exception {
        RtcpFir fir = RtcpFir.parse(Vectors.FIR, 0, Vectors.FIR.length);
        assertThat(fir.senderSsrc()).isEqualTo(0x11223344);
        assertThat(fir.entries()).containsExactly(new RtcpFir.Entry(0x55667788, 7));
        byte[] out = new byte[fir.encodedLength()];
        fir.writeTo(out, 0);
        assertThat(out).isEqualTo(Vectors.FIR);
    }

    @Test
    void firWithTwoEntriesRoundTrips() throws Exception {
        RtcpFir fir = new RtcpFir(1, List.of(new RtcpFir.Entry(2, 255), new RtcpFir.Entry(3, 0)));
        byte[] out = new byte[fir.encodedLength()];
        fir.writeTo(out, 0);
        assertThat(RtcpFir.parse(out, 0, out.length)).isEqualTo(fir);
    }

    @Test
    void wrongFormatOrTypeIsRejected() {
        assertThatThrownBy(() -> RtcpFir.parse(Vectors.PLI, 0, Vectors.PLI.length)).isInstanceOf(RtcpException.class);
        assertThatThrownBy(() -> RtcpPli.parse(Vectors.FIR, 0, Vectors.FIR.length)).isInstanceOf(RtcpException.class);
        assertThatThrownBy(() -> RtcpPli.parse(Vectors.NACK, 0, Vectors.NACK.length)).isInstanceOf(RtcpException.class);
        byte[] shortPli = Hex.bytes("81ce0001 11223344");
        assertThatThrownBy(() -> RtcpPli.parse(shortPli, 0, shortPli.length)).isInstanceOf(RtcpException.class);
        byte[] emptyFir = Hex.bytes("84ce0002 11223344 00000000");
        assertThatThrownBy(() -> RtcpFir.parse(emptyFir, 0, emptyFir.length)).isInstanceOf(RtcpException.class);
    }

    @Test
    void paddedPliIsAccepted() throws Exception {
        byte[] b = Hex.bytes("a1ce0003 11223344 55667788 00000004");
        assertThat(RtcpPli.parse(b, 0, b.length)).isEqualTo(new RtcpPli(0x11223344, 0x55667788));
        byte[] badPad = Hex.bytes("a1ce0003 11223344 55667788 000000ff");
        assertThatThrownBy(() -> RtcpPli.parse(badPad, 0, badPad.length)).isInstanceOf(RtcpException.class);
    }
}
