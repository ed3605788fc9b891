package io.confero.sfu.bwe;

import static io.confero.sfu.bwe.RetransmissionLimiter.Verdict.OVER_BUDGET;
import static io.confero.sfu.bwe.RetransmissionLimiter.Verdict.SEND;
import static io.confero.sfu.bwe.RetransmissionLimiter.Verdict.TOO_LATE;
import static io.confero.sfu.bwe.RetransmissionLimiter.Verdict.TOO_MANY;
import static io.confero.sfu.bwe.RetransmissionLimiter.Verdict.TOO_SOON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetransmissionLimiterTest {
    private static final long MS = 1_000;
    private static final long RTT = 50 * MS;
    private final RtxBudget plenty = new RtxBudget(100_000_000);
    private final RetransmissionLimiter limiter = new RetransmissionLimiter(3, 400 * MS);

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 32767, 32768, 65534, 65535})
    void resendsOnePacketAtMostThreeTimesAndNotWithinAnRtt(int seq) {
        long now = 10 * MS;
        assertThat(limiter.decide(seq, 0, 1200, RTT, now, plenty)).isEqualTo(SEND);
        assertThat(limiter.decide(seq, 0, 1200, RTT, now + 10 * MS, plenty)).isEqualTo(TOO_SOON);
        assertThat(limiter.decide(seq, 0, 1200, RTT, now + 60 * MS, plenty)).isEqualTo(SEND);
        assertThat(limiter.decide(seq, 0, 1200, RTT, now + 120 * MS, plenty)).isEqualTo(SEND);
        assertThat(limiter.decide(seq, 0, 1200, RTT, now + 180 * MS, plenty)).isEqualTo(TOO_MANY);
        assertThat(limiter.decide((seq + 1) & 0xFFFF, 0, 1200, RTT, now + 180 * MS, plenty)).isEqualTo(SEND);
    }

    @Test
    void doesNotResendWhatCannotArriveInTime() {
        assertThat(limiter.decide(1, 0, 1200, RTT, 380 * MS, plenty)).as("age + rtt/2 > buffer").isEqualTo(TOO_LATE);
        assertThat(limiter.decide(2, 0, 1200, 250 * MS, 10 * MS, plenty)).as("rtt >= 0.6 x buffer").isEqualTo(TOO_LATE);
        assertThat(limiter.decide(3, 0, 1200, 230 * MS, 10 * MS, plenty)).isEqualTo(SEND);
    }

    @Test
    void retransmissionsStayWithinTheirShareOfTheEstimate() {
        long estimate = 250_000;
        RtxBudget budget = new RtxBudget(estimate);
        long sentBytes = 0;
        long now = 0;
        int seq = 0;
        for (int i = 0; i < 10_000; i++) {
            now += MS;
            for (int k = 0; k < 5; k++) {
                seq = (seq + 1) & 0xFFFF;
                if (limiter.decide(seq, now - 20 * MS, 1200, RTT, now, budget) == SEND) {
                    sentBytes += 1200;
                }
            }
        }
        long bps = sentBytes * 8 * 1_000_000 / now;
        assertThat(bps).isLessThanOrEqualTo((long) (estimate * RtxBudget.SHARE) + 1_500 * 8);
        assertThat(bps).isGreaterThan((long) (estimate * RtxBudget.SHARE * 0.8));
        assertThat(budget.recentBps(now)).isBetween((long) (estimate * RtxBudget.SHARE * 0.5), (long) (estimate * RtxBudget.SHARE * 1.5));
        assertThat(limiter.decide(seq + 1, now, 1200, RTT, now, budget)).isEqualTo(OVER_BUDGET);
    }

    @Test
    void aBudgetFollowsTheEstimateAndForgetsOldUse() {
        RtxBudget b = new RtxBudget(1_000_000);
        assertThat(b.tryConsume(1500, 0)).isTrue();
        assertThat(b.tryConsume(3500, 0)).as("burst: 200 ms of 20 %% of 1 Mbit/s").isTrue();
        assertThat(b.tryConsume(1, 0)).isFalse();
        b.setEstimate(0);
        assertThat(b.tryConsume(1, 10 * MS)).isFalse();
        assertThat(b.recentBps(10_000 * MS)).isZero();
        b.setEstimate(1_000_000);
        assertThat(b.tryConsume(1500, 20_000 * MS)).isTrue();
    }

    @Test
    void rejectsNonsenseLimits() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RetransmissionLimiter(0, 400 * MS));
        assertThatIllegalArgumentException().isThrownBy(() -> new RetransmissionLimiter(3, 0));
    }
}
