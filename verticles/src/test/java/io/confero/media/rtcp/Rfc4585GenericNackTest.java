package io.confero.media.rtcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.confero.media.rtp.Hex;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 4585 §6.2.1 Generic NACK: PID + BLP, minimal FCI packing, 16-bit wrap. */
class Rfc4585GenericNackTest {

    @Test
    void parsesAndReencodesVector() throws Exception {
        RtcpNack nack = RtcpNack.parse(Vectors.NACK, 0, Vectors.NACK.length);
        assertThat(nack.senderSsrc()).isEqualTo(0x11223344);
        assertThat(nack.mediaSsrc()).isEqualTo(0x55667788);
        assertThat(nack.fcis()).containsExactly(new RtcpNack.Fci(65535, 3), new RtcpNack.Fci(100, 0x8001));
        assertThat(nack.lostSequenceNumbers()).containsExactly(65535, 0, 1, 100, 101, 116);
        byte[] out = new byte[nack.encodedLength()];
        nack.writeTo(out, 0);
        assertThat(out).isEqualTo(Vectors.NACK);
    }

    static Stream<Arguments> packings() {
        return Stream.of(
            Arguments.of(new int[] {100}, List.of(fci(100, 0))),
            Arguments.of(new int[] {100, 101}, List.of(fci(100, 0x0001))),
            Arguments.of(range(100, 117), List.of(fci(100, 0xFFFF))),
            Arguments.of(range(100, 118), List.of(fci(100, 0xFFFF), fci(117, 0))),
            Arguments.of(new int[] {10, 26}, List.of(fci(10, 0x8000))),
            Arguments.of(new int[] {10, 27}, List.of(fci(10, 0), fci(27, 0))),
            Arguments.of(new int[] {5, 5, 5}, List.of(fci(5, 0))),
            Arguments.of(new int[] {0}, List.of(fci(0, 0))),
            Arguments.of(new int[] {1, 0}, List.of(fci(0, 1))),
            Arguments.of(new int[] {32767, 32768}, List.of(fci(32767, 1))),
            Arguments.of(new int[] {65535, 0, 1}, List.of(fci(65535, 3))),
            Arguments.of(new int[] {0, 65535}, List.of(fci(65535, 1))),
            Arguments.of(new int[] {65534, 65535}, List.of(fci(65534, 1))),
            Arguments.of(new int[] {65530, 10}, List.of(fci(65530, 0x8000))),
            Arguments.of(new int[] {3, 1, 2, 40}, List.of(fci(1, 3), fci(40, 0))));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("packings")
    void lostListPacksIntoMinimalFcis(int[] lost, List<RtcpNack.Fci> expected) throws Exception {
        RtcpNack nack = RtcpNack.of(1, 2, lost);
        assertThat(nack.fcis()).isEqualTo(expected);
        byte[] out = new byte[nack.encodedLength()];
        nack.writeTo(out, 0);
        RtcpNack back = RtcpNack.parse(out, 0, out.length);
        assertThat(back).isEqualTo(nack);
        int[] distinct = Arrays.stream(lost).distinct().sorted().toArray();
        assertThat(Arrays.stream(back.lostSequenceNumbers()).sorted().toArray()).isEqualTo(distinct);
    }

    @Test
    void rejectsNackWithoutFci() {
        byte[] b = Hex.bytes("81cd0002 11223344 55667788");
        assertThatThrownBy(() -> RtcpNack.parse(b, 0, b.length)).isInstanceOf(RtcpException.class);
        assertThatThrownBy(() -> RtcpNack.of(1, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    private static RtcpNack.Fci fci(int pid, int blp) {
        return new RtcpNack.Fci(pid, blp);
    }

    private static int[] range(int from, int to) {
        return java.util.stream.IntStream.range(from, to).toArray();
    }
}
