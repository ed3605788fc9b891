package io.confero.tools.impair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Rate cap, burst and drop-tail queue on a fake clock. */
class TokenBucketTest {
    static final long MS = 1_000_000L;

    @Test
    void noRateLetsEverythingThroughAtOnce() {
        TokenBucket b = new TokenBucket(0, 0, 0);
        for (int i = 0; i < 1000; i++) {
            assertThat(b.offer(1500, 7 * MS)).isEqualTo(7 * MS);
        }
        assertThat(b.queueDelay(7 * MS)).isZero();
    }

    @Test
    void aBacklogLeavesAtTheRateAndTheTailIsDroppedPastTheQueueLimit() {
        // 1 Mbit/s, 1250-byte packets take 10 ms each; burst one packet; queue 100 ms
        TokenBucket b = new TokenBucket(1_000_000, 1250, 100 * MS);
        long previous = -1;
        int accepted = 0;
        for (int i = 0; i < 50; i++) {
            long at = b.offer(1250, 0);
            if (at >= 0) {
                accepted++;
                if (previous >= 0 && at > 0) {
                    assertThat(at - previous).isIn(0L, 10 * MS);
                }
                previous = at;
                assertThat(at).isLessThanOrEqualTo(100 * MS);
            }
        }
        // two leave at once (the bucket's depth), then one per 10 ms up to the 100 ms limit
        assertThat(accepted).isEqualTo(12);
        assertThat(b.queueDelay(0)).isEqualTo(110 * MS);
        assertThat(b.queueDelay(200 * MS)).isZero();
        assertThat(b.offer(1250, 200 * MS)).isEqualTo(200 * MS);
    }

    @Test
    void theLongRunRateIsTheCap() {
        TokenBucket b = new TokenBucket(1_000_000, 3000, 500 * MS);
        long deliveredBytes = 0;
        long last = 0;
        // offer 2 Mbit/s for 10 s
        for (long t = 0; t < 10_000 * MS; t += 5 * MS) {
            long at = b.offer(1250, t);
            if (at >= 0) {
                deliveredBytes += 1250;
                last = at;
            }
        }
        double mbps = deliveredBytes * 8 / (last / 1e9) / 1e6;
        assertThat(mbps).isBetween(0.97, 1.03);
    }

    @Test
    void burstsPassAfterIdle() {
        TokenBucket b = new TokenBucket(1_000_000, 12_500, 0);
        // 100 ms of credit: ten 1250-byte packets (and one more) leave at once, then the queue (limit 0) drops
        int immediate = 0;
        for (int i = 0; i < 20; i++) {
            if (b.offer(1250, 1000 * MS) == 1000 * MS) {
                immediate++;
            }
        }
        assertThat(immediate).isEqualTo(11);
        assertThatThrownBy(() -> new TokenBucket(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
