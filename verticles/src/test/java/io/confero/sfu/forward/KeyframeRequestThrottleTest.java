package io.confero.sfu.forward;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** At most one keyframe request per source per interval; FIR seq nr wraps at 256 (RFC 5104 §4.3.1.2). */
class KeyframeRequestThrottleTest {

    @Test
    void allowsOneRequestPerInterval() {
        KeyframeRequestThrottle t = new KeyframeRequestThrottle();
        long[] times = {1000, 1001, 1299, 1300, 1301, 1599, 1600, 5000};
        boolean[] expected = {true, false, false, true, false, false, true, true};
        for (int i = 0; i < times.length; i++) {
            assertThat(t.tryAcquire(times[i])).as("t=%d", times[i]).isEqualTo(expected[i]);
        }
    }

    @Test
    void firstRequestAtTimeZeroOrNegativeClockIsAllowed() {
        assertThat(new KeyframeRequestThrottle(300).tryAcquire(-5_000)).isTrue();
        assertThat(new KeyframeRequestThrottle(0).tryAcquire(0)).isTrue();
    }

    @Test
    void aRequestThatCameWhileThrottledIsDueOnceWhenTheIntervalEnds() {
        KeyframeRequestThrottle t = new KeyframeRequestThrottle(300);
        assertThat(t.tryAcquire(1000)).isTrue();
        assertThat(t.duePending(1400)).as("nothing was throttled").isFalse();
        assertThat(t.tryAcquire(2000)).isTrue();
        assertThat(t.tryAcquire(2100)).as("throttled, kept").isFalse();
        assertThat(t.tryAcquire(2200)).as("a second one while throttled merges with the first").isFalse();
        assertThat(t.duePending(2299)).as("not before the interval ends").isFalse();
        assertThat(t.duePending(2300)).as("due once the interval since the last request is over").isTrue();
        assertThat(t.duePending(2700)).as("sent once only").isFalse();
        assertThat(t.tryAcquire(2500)).as("the deferred request counts as the last one sent").isFalse();
        assertThat(t.duePending(2600)).isTrue();
    }

    @Test
    void aRequestAllowedAfterAThrottledOneClearsIt() {
        KeyframeRequestThrottle t = new KeyframeRequestThrottle(300);
        t.tryAcquire(0);
        t.tryAcquire(100);
        assertThat(t.tryAcquire(400)).isTrue();
        assertThat(t.duePending(800)).as("the kept request went out with the one at 400").isFalse();
    }

    @Test
    void firSequenceNumberWraps() {
        KeyframeRequestThrottle t = new KeyframeRequestThrottle(300);
        for (int i = 0; i < 256; i++) {
            assertThat(t.nextFirSequenceNumber()).isEqualTo(i);
        }
        assertThat(t.nextFirSequenceNumber()).isZero();
    }
}
