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
    void firSequenceNumberWraps() {
        KeyframeRequestThrottle t = new KeyframeRequestThrottle(300);
        for (int i = 0; i < 256; i++) {
            assertThat(t.nextFirSequenceNumber()).isEqualTo(i);
        }
        assertThat(t.nextFirSequenceNumber()).isZero();
    }
}
