package io.confero.media.rtcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.confero.media.rtp.Hex;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1: Pion's captured vectors byte for byte,
 * the draft's §3.1.3/§3.1.4 chunk examples, and libwebrtc's chunk-selection policy.
 */
class TwccFeedbackTest {

    @Test
    void pionExample1SinglePacket() throws Exception {
        RtcpTwcc t = RtcpTwcc.parse(Vectors.TWCC_PION_1, 0, Vectors.TWCC_PION_1.length);
        assertThat(t.senderSsrc()).isEqualTo(0xfa17fa17);
        assertThat(t.mediaSsrc()).isEqualTo(1124282272);
        assertThat(t.baseSeq()).isEqualTo(153);
        assertThat(t.packetStatusCount()).isEqualTo(1);
        assertThat(t.referenceTime()).isEqualTo(4057090);
        assertThat(t.fbPktCount()).isEqualTo(23);
        assertThat(t.symbol(0)).isEqualTo(RtcpTwcc.SMALL_DELTA);
        assertThat(t.deltaTicks()).containsExactly(148);
        assertThat(t.arrivalMicros()).containsExactly(4057090L * 64000 + 37000);
        assertThat(write(t)).isEqualTo(Vectors.TWCC_PION_1);
    }

    @Test
    void pionExample4RunOfSeven() throws Exception {
        RtcpTwcc t = RtcpTwcc.parse(Vectors.TWCC_PION_4, 0, Vectors.TWCC_PION_4.length);
        assertThat(t.baseSeq()).isEqualTo(4);
        assertThat(t.packetStatusCount()).isEqualTo(7);
        assertThat(t.referenceTime()).isEqualTo(1074030);
        assertThat(t.fbPktCount()).isEqualTo(1);
        assertThat(Arrays.stream(t.deltaTicks()).map(d -> d * 250).toArray())
            .containsExactly(19000, 9000, 9000, 4000, 3000, 3000, 4000);
        assertThat(write(t)).isEqualTo(Vectors.TWCC_PION_4);
    }

    /** §3.1.3 and §3.1.4 examples placed as the only chunk of a feedback packet. */
    static Stream<Arguments> draftChunkExamples() {
        return Stream.of(
            Arguments.of("3.1.3 example 1: run of 221 not received", "00dd", 221, repeat(0, 221)),
            Arguments.of("3.1.3 example 2: run of 24 with symbol 11", "6018", 24, repeat(3, 24)),
            Arguments.of("3.1.4 example 1: 1-bit vector", "9f1c", 14,
                new byte[] {0, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0}),
            Arguments.of("3.1.4 example 2: 2-bit vector", "cd50", 7, new byte[] {0, 3, 1, 1, 1, 0, 0}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("draftChunkExamples")
    void draftChunkExamplesDecode(String name, String chunk, int count, byte[] symbols) throws Exception {
        int received = 0;
        for (byte s : symbols) {
            received += s == 1 ? 1 : s == 2 ? 2 : 0;
        }
        String deltas = "00".repeat(received);
        int body = 20 + 2 + received;
        String pad = body % 4 == 0 ? "" : "00".repeat(3 - body % 4 + 0) + String.format("%02x", 4 - body % 4);
        int total = body + (body % 4 == 0 ? 0 : 4 - body % 4);
        String first = body % 4 == 0 ? "8f" : "af";
        byte[] b = Hex.bytes(first + "cd" + String.format("%04x", total / 4 - 1) + "00000001 00000002"
            + "0000" + String.format("%04x", count) + "000000 00" + chunk + deltas + pad);
        RtcpTwcc t = RtcpTwcc.parse(b, 0, b.length);
        byte[] got = new byte[count];
        for (int i = 0; i < count; i++) {
            got[i] = (byte) t.symbol(i);
        }
        assertThat(got).isEqualTo(symbols);
        assertThat(RtcpTwcc.parse(write(t), 0, write(t).length)).isEqualTo(t);
    }

    static Stream<Arguments> chunkPolicy() {
        return Stream.of(
            Arguments.of("14 mixed 0/1 -> one 1-bit vector", new byte[] {1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0}, "aaaa"),
            Arguments.of("7 with a large -> one 2-bit vector", new byte[] {1, 2, 1, 1, 1, 1, 1}, "d955"),
            Arguments.of("3 mixed at end -> 2-bit vector", new byte[] {1, 0, 1}, "d100"),
            Arguments.of("20 equal -> run", repeat(1, 20), "2014"),
            Arguments.of("8 mixed 0/1 at end -> 1-bit vector", new byte[] {1, 1, 1, 1, 1, 1, 1, 0}, "bf80"),
            Arguments.of("8191+1 equal -> two runs", repeat(0, 8192), "1fff0001"),
            Arguments.of("9 small then large -> 2-bit(7) + 2-bit(3)", new byte[] {1, 1, 1, 1, 1, 0, 1, 1, 2}, "d551d800"),
            Arguments.of("14 mixed then 1 -> 1-bit + run", new byte[] {1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1}, "aaaa2001"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chunkPolicy")
    void chunkSelectionMatchesLibwebrtc(String name, byte[] symbols, String chunks) throws Exception {
        int received = 0;
        for (byte s : symbols) {
            received += s == 1 || s == 2 ? 1 : 0;
        }
        RtcpTwcc t = new RtcpTwcc(1, 2, 65530, 0xFFFFFF, 255, symbols, new int[received]);
        byte[] out = write(t);
        assertThat(Hex.of(Arrays.copyOfRange(out, 20, 20 + chunks.length() / 2))).isEqualTo(chunks);
        assertThat(RtcpTwcc.parse(out, 0, out.length)).isEqualTo(t);
    }

    @Test
    void largeAndNegativeDeltasRoundTrip() throws Exception {
        byte[] symbols = {2, 0, 2, 1, 2};
        int[] deltas = {-32768, 32767, 255, -1};
        RtcpTwcc t = new RtcpTwcc(7, 8, 0, 0, 0, symbols, deltas);
        byte[] out = write(t);
        RtcpTwcc back = RtcpTwcc.parse(out, 0, out.length);
        assertThat(back).isEqualTo(t);
        assertThat(back.arrivalMicros()).containsExactly(-32768L * 250, Long.MIN_VALUE, -250L, (255 - 1) * 250L,
            (255 - 2) * 250L);
    }

    @Test
    void rejectsInvalidFeedback() {
        byte[] truncatedDeltas = Hex.bytes("8fcd0005 00000001 00000002 0000 0002 00000000 4002 0100");
        assertThatThrownBy(() -> RtcpTwcc.parse(truncatedDeltas, 0, truncatedDeltas.length))
            .isInstanceOf(RtcpException.class);
        byte[] noChunks = Hex.bytes("8fcd0004 00000001 00000002 0000 0005 00000000");
        assertThatThrownBy(() -> RtcpTwcc.parse(noChunks, 0, noChunks.length)).isInstanceOf(RtcpException.class);
        byte[] zeroCount = Hex.bytes("8fcd0004 00000001 00000002 0000 0000 00000000");
        assertThatThrownBy(() -> RtcpTwcc.parse(zeroCount, 0, zeroCount.length)).isInstanceOf(RtcpException.class);
        assertThatThrownBy(() -> new RtcpTwcc(1, 2, 0, 0, 0, new byte[] {1}, new int[] {256}))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RtcpTwcc(1, 2, 0, 0, 0, new byte[] {1}, new int[] {}))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void truncatedDeltasDetectedAfterPadding() {
        byte[] b = Vectors.TWCC_PION_4.clone();
        b[b.length - 1] = 4;
        assertThatThrownBy(() -> RtcpTwcc.parse(b, 0, b.length)).isInstanceOf(RtcpException.class);
    }

    static byte[] write(RtcpTwcc t) {
        byte[] out = new byte[t.encodedLength()];
        assertThat(t.writeTo(out, 0)).isEqualTo(out.length);
        return out;
    }

    private static byte[] repeat(int symbol, int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) symbol);
        return b;
    }
}
