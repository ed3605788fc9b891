package io.confero.sfu.bwe;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.media.rtcp.RtcpTwcc;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SendHistoryTest {
    private static final byte R = RtcpTwcc.SMALL_DELTA;
    private static final byte L = RtcpTwcc.NOT_RECEIVED;

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 32767, 32768, 65534, 65535})
    void matchesFeedbackAcrossTheSequenceWrap(int first) {
        SendHistory h = new SendHistory();
        for (int i = 0; i < 4; i++) {
            h.onSent((first + i) & 0xFFFF, 100 + i, 1_000L * i);
        }
        RtcpTwcc fb = new RtcpTwcc(2, 1, first, 1, 0, new byte[] {R, L, R, R}, new int[] {4, 4, 4});
        List<PacketResult> results = h.onFeedback(fb);
        assertThat(results).extracting(PacketResult::sendMicros).containsExactly(0L, 1_000L, 2_000L, 3_000L);
        assertThat(results).extracting(PacketResult::sizeBytes).containsExactly(100, 101, 102, 103);
        assertThat(results).extracting(PacketResult::received).containsExactly(true, false, true, true);
        assertThat(results.get(0).arrivalMicros()).isEqualTo(64_000L + 1_000L);
    }

    @Test
    void aPacketReportedLostThenReceivedCountsOnceAsReceived() {
        SendHistory h = new SendHistory();
        h.onSent(7, 50, 0);
        h.onSent(8, 50, 10);
        assertThat(h.onFeedback(new RtcpTwcc(2, 1, 7, 0, 0, new byte[] {L, R}, new int[] {1})))
            .extracting(PacketResult::received).containsExactly(false, true);
        assertThat(h.onFeedback(new RtcpTwcc(2, 1, 7, 0, 1, new byte[] {R, R}, new int[] {1, 1})))
            .extracting(PacketResult::received).containsExactly(true);
    }

    @Test
    void ignoresPacketsNeverSentOrFallenOutOfTheWindow() {
        SendHistory h = new SendHistory();
        assertThat(h.onFeedback(new RtcpTwcc(2, 1, 5, 0, 0, new byte[] {R}, new int[] {1}))).isEmpty();
        for (int i = 0; i <= SendHistory.WINDOW; i++) {
            h.onSent(i & 0xFFFF, 10, i);
        }
        assertThat(h.onFeedback(new RtcpTwcc(2, 1, 0, 0, 0, new byte[] {R, R}, new int[] {1, 1})))
            .extracting(PacketResult::sendMicros).containsExactly(1L);
        assertThat(h.onFeedback(new RtcpTwcc(2, 1, SendHistory.WINDOW + 1, 0, 0, new byte[] {R}, new int[] {1}))).isEmpty();
    }
}
