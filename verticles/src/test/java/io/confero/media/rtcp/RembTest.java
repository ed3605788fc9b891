package io.confero.media.rtcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.confero.media.rtp.Hex;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** draft-alvestrand-rmcat-remb-03 §2.2 REMB, with libwebrtc's remb_unittest vector. */
class RembTest {

    @Test
    void libwebrtcVector() throws Exception {
        RtcpRemb remb = RtcpRemb.parse(Vectors.REMB, 0, Vectors.REMB.length);
        assertThat(remb.senderSsrc()).isEqualTo(0x12345678);
        assertThat(remb.bitrateBps()).isEqualTo(0x3fb93L * 2).isEqualTo(522022L);
        assertThat(remb.ssrcs()).containsExactly(0x23456789, 0x2345678a, 0x2345678b);
        byte[] out = new byte[remb.encodedLength()];
        remb.writeTo(out, 0);
        assertThat(out).isEqualTo(Vectors.REMB);
    }

    @ParameterizedTest(name = "{0} bps -> exp {1} mantissa {2}")
    @CsvSource({
        "0,          0,  0",
        "262143,     0,  262143",
        "262144,     1,  131072",
        "1000000,    2,  250000",
        "2500000,    4,  156250",
        "1000000000, 12, 244140",
    })
    void mantissaExponentEncoding(long bps, int exp, int mantissa) throws Exception {
        RtcpRemb remb = new RtcpRemb(1, bps, List.of(5));
        byte[] out = new byte[remb.encodedLength()];
        remb.writeTo(out, 0);
        assertThat((out[17] & 0xFF) >>> 2).isEqualTo(exp);
        assertThat(((out[17] & 3) << 16) | ((out[18] & 0xFF) << 8) | (out[19] & 0xFF)).isEqualTo(mantissa);
        assertThat(RtcpRemb.parse(out, 0, out.length).bitrateBps()).isEqualTo((long) mantissa << exp);
    }

    @Test
    void largestExponentSaturates() throws Exception {
        byte[] b = Hex.bytes("8fce0004 00000001 00000000 52454d42 00 ffffff");
        assertThat(RtcpRemb.parse(b, 0, b.length).bitrateBps()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void notRembOrTruncatedIsRejected() {
        byte[] notRemb = Hex.bytes("8fce0004 00000001 00000000 41424344 00 000001");
        assertThatThrownBy(() -> RtcpRemb.parse(notRemb, 0, notRemb.length)).isInstanceOf(RtcpException.class);
        byte[] truncated = Hex.bytes("8fce0004 00000001 00000000 52454d42 02 000001");
        assertThatThrownBy(() -> RtcpRemb.parse(truncated, 0, truncated.length)).isInstanceOf(RtcpException.class);
    }
}
