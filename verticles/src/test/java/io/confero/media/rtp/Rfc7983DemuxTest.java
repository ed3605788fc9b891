package io.confero.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 7983 §7 first-byte demux and RFC 5761 §4 RTP/RTCP split on the second byte. */
class Rfc7983DemuxTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "stun binding,         0001002c2112a442,        true,  false, false, false",
        "dtls handshake,       16fefd0000000000,        false, true,  false, false",
        "dtls byte 63,         3ffefd0000000000,        false, true,  false, false",
        "rtcp sr 200,          80c8000600000001,        false, false, true,  false",
        "rtcp rr 201,          81c9000700000001,        false, false, true,  false",
        "rtcp psfb 206,        81ce000200000001,        false, false, true,  false",
        "rtcp 192 lower bound, 80c0000100000001,        false, false, true,  false",
        "rtcp 223 upper bound, 80df000100000001,        false, false, true,  false",
        "rtp pt 96 marker,     80e0000100000001aaaaaaaa, false, false, false, true",
        "rtp pt 111,           806f000100000001aaaaaaaa, false, false, false, true",
        "rtp pt 127 (0xff),    80ff000100000001aaaaaaaa, false, false, false, true",
        "rtp pt 72 (0xbf 191), bf48000100000001aaaaaaaa, false, false, false, true",
        "byte 192 (not rtp),   c0c8000600000001,        false, false, false, false",
        "turn channel 0x40,    4000000400000001,        false, false, false, false",
        "rtcp too short,       80c800,                  false, false, false, false",
    })
    void classifiesFirstBytes(String name, String hex, boolean stun, boolean dtls, boolean rtcp, boolean rtp) {
        byte[] b = Hex.bytes(hex);
        assertThat(RtpDemux.isStun(b, 0, b.length)).isEqualTo(stun);
        assertThat(RtpDemux.isDtls(b, 0, b.length)).isEqualTo(dtls);
        assertThat(RtpDemux.isRtcp(b, 0, b.length)).isEqualTo(rtcp);
        assertThat(RtpDemux.isRtp(b, 0, b.length)).isEqualTo(rtp);
    }
}
