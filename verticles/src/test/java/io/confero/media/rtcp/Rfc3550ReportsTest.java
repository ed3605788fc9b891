package io.confero.media.rtcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 3550 §6.4.1 sender report, §6.4.2 receiver report, report blocks. */
class Rfc3550ReportsTest {

    @Test
    void senderReportParsesAndReencodes() throws Exception {
        RtcpSr sr = RtcpSr.parse(Vectors.SR, 0, Vectors.SR.length);
        assertThat(sr.ssrc()).isEqualTo(0x902f9e2e);
        assertThat(sr.ntpTimestamp()).isEqualTo(0xda8bd1fcdddda05aL);
        assertThat(sr.rtpTimestamp()).isEqualTo(0xaaf4edd5L);
        assertThat(sr.packetCount()).isEqualTo(1);
        assertThat(sr.octetCount()).isEqualTo(2);
        assertThat(sr.compactNtp()).isEqualTo(0xd1fcddddL);
        assertThat(sr.reports()).containsExactly(
            new ReportBlock(0xbc5e9a40, 0, 0, 0x46e1, 273, 0x9f36432, 150137));
        assertThat(encode(sr.encodedLength(), sr.writeTo(new byte[sr.encodedLength()], 0), sr)).isEqualTo(Vectors.SR);
    }

    @Test
    void receiverReportHasSigned24BitCumulativeLoss() throws Exception {
        RtcpRr rr = RtcpRr.parse(Vectors.RR, 0, Vectors.RR.length);
        assertThat(rr.ssrc()).isEqualTo(0x902f9e2e);
        ReportBlock rb = rr.reports().get(0);
        assertThat(rb.fractionLost()).isEqualTo(128);
        assertThat(rb.cumulativeLost()).isEqualTo(-1);
        assertThat(rb.extendedHighestSeq()).isEqualTo(0x1fffe);
        byte[] out = new byte[rr.encodedLength()];
        assertThat(rr.writeTo(out, 0)).isEqualTo(Vectors.RR.length);
        assertThat(out).isEqualTo(Vectors.RR);
    }

    @Test
    void emptyReceiverReportRoundTrips() throws Exception {
        RtcpRr rr = new RtcpRr(7, List.of());
        byte[] out = new byte[rr.encodedLength()];
        rr.writeTo(out, 0);
        assertThat(out).isEqualTo(io.confero.media.rtp.Hex.bytes("80c9000100000007"));
        assertThat(RtcpRr.parse(out, 0, out.length)).isEqualTo(rr);
    }

    @Test
    void reportCountBeyondLengthIsRejected() {
        byte[] b = Vectors.RR.clone();
        b[0] = (byte) 0x82;
        assertThatThrownBy(() -> RtcpRr.parse(b, 0, b.length)).isInstanceOf(RtcpException.class);
        assertThatThrownBy(() -> RtcpSr.parse(Vectors.RR, 0, Vectors.RR.length)).isInstanceOf(RtcpException.class);
        assertThatThrownBy(() -> RtcpSr.parse(Vectors.SR, 0, Vectors.SR.length - 4)).isInstanceOf(RtcpException.class);
    }

    @Test
    void reportBlockValidatesRanges() {
        assertThatThrownBy(() -> new ReportBlock(1, 256, 0, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReportBlock(1, 0, 1 << 23, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] encode(int expectedLength, int written, RtcpSr sr) {
        assertThat(written).isEqualTo(expectedLength);
        byte[] out = new byte[expectedLength];
        sr.writeTo(out, 0);
        return out;
    }
}
