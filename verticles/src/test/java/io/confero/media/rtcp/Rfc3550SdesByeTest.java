package io.confero.media.rtcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.confero.media.rtp.Hex;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 3550 §6.5 SDES (chunks, items, null termination) and §6.6 BYE. */
class Rfc3550SdesByeTest {

    @Test
    void cnameSdesMatchesVector() throws Exception {
        RtcpSdes sdes = RtcpSdes.cname(0x11223344, "abcd");
        byte[] out = new byte[sdes.encodedLength()];
        assertThat(sdes.writeTo(out, 0)).isEqualTo(16);
        assertThat(out).isEqualTo(Vectors.SDES);
        RtcpSdes parsed = RtcpSdes.parse(Vectors.SDES, 0, Vectors.SDES.length);
        assertThat(parsed).isEqualTo(sdes);
        assertThat(parsed.chunks().get(0).cname()).isEqualTo("abcd");
    }

    @ParameterizedTest(name = "cname length {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 255})
    void everyCnameLengthGetsNullTerminatorAndAlignment(int n) throws Exception {
        RtcpSdes sdes = RtcpSdes.cname(9, "x".repeat(n));
        byte[] out = new byte[sdes.encodedLength()];
        sdes.writeTo(out, 0);
        assertThat(out.length % 4).isZero();
        assertThat(out[4 + 4 + 2 + n]).isZero();
        assertThat(RtcpSdes.parse(out, 0, out.length)).isEqualTo(sdes);
    }

    @Test
    void multipleChunksAndItemsParse() throws Exception {
        byte[] b = Hex.bytes("""
            82 ca 0007
            00000001 0102 6162 0000 0000      # CNAME "ab" ends aligned: four null bytes
            00000002 0103 78797a 0601 71      # CNAME "xyz", TOOL "q"
            00000000                          # null item + padding
            """);
        RtcpSdes sdes = RtcpSdes.parse(b, 0, b.length);
        assertThat(sdes.chunks()).hasSize(2);
        assertThat(sdes.chunks().get(0).cname()).isEqualTo("ab");
        assertThat(sdes.chunks().get(1).items()).hasSize(2);
        assertThat(sdes.chunks().get(1).items().get(1).text()).isEqualTo("q");
        byte[] out = new byte[sdes.encodedLength()];
        sdes.writeTo(out, 0);
        assertThat(out).isEqualTo(b);
    }

    @Test
    void unterminatedSdesChunkIsRejected() {
        byte[] b = Hex.bytes("81ca0002 11223344 01026162");
        assertThatThrownBy(() -> RtcpSdes.parse(b, 0, b.length)).isInstanceOf(RtcpException.class);
        byte[] overrun = Hex.bytes("81ca0002 11223344 01096162");
        assertThatThrownBy(() -> RtcpSdes.parse(overrun, 0, overrun.length)).isInstanceOf(RtcpException.class);
    }

    @Test
    void byeWithReasonMatchesVector() throws Exception {
        RtcpBye bye = new RtcpBye(List.of(0x11223344), "hello");
        byte[] out = new byte[bye.encodedLength()];
        bye.writeTo(out, 0);
        assertThat(out).isEqualTo(Vectors.BYE);
        assertThat(RtcpBye.parse(Vectors.BYE, 0, Vectors.BYE.length)).isEqualTo(bye);
    }

    @Test
    void byeWithoutReason() throws Exception {
        byte[] b = Hex.bytes("82cb0002 11223344 55667788");
        RtcpBye bye = RtcpBye.parse(b, 0, b.length);
        assertThat(bye.ssrcs()).containsExactly(0x11223344, 0x55667788);
        assertThat(bye.reason()).isNull();
        byte[] out = new byte[bye.encodedLength()];
        bye.writeTo(out, 0);
        assertThat(out).isEqualTo(b);
    }

    @Test
    void byeReasonOverrunIsRejected() {
        byte[] b = Hex.bytes("81cb0002 11223344 09616263");
        assertThatThrownBy(() -> RtcpBye.parse(b, 0, b.length)).isInstanceOf(RtcpException.class);
    }
}
