package io.confero.sfu.bwe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The delay-based chain on hand-made group sequences: grouping, trend, detector, threshold. */
class DelayDetectionTest {
    @Test
    void groupsPacketsSentWithinFiveMillisecondsIntoOneBurst() {
        InterArrival ia = new InterArrival();
        assertThat(ia.onPacket(0, 100_000, 100)).isNull();
        assertThat(ia.onPacket(4_000, 101_000, 100)).isNull();
        assertThat(ia.onPacket(10_000, 110_000, 100)).isNull();
        InterArrival.Delta d = ia.onPacket(20_000, 121_000, 100);
        assertThat(d).isEqualTo(new InterArrival.Delta(6_000, 9_000, 110_000, -100));
        assertThat(ia.onPacket(5_000, 130_000, 100)).as("sent before the current group").isNull();
    }

    @Test
    void aQueueReleasedAsOneBurstJoinsTheGroup() {
        InterArrival ia = new InterArrival();
        ia.onPacket(0, 100_000, 100);
        assertThat(ia.onPacket(8_000, 100_500, 100)).as("arrives 0.5 ms after, sent 8 ms after").isNull();
        assertThat(ia.onPacket(30_000, 130_000, 100)).isNull();
        assertThat(ia.onPacket(60_000, 160_000, 100)).isEqualTo(new InterArrival.Delta(22_000, 29_500, 130_000, -100));
    }

    @Test
    void growingDelayIsOveruseAndSteadyDelayIsNormal() {
        assertThat(feed(1_000)).isEqualTo(BandwidthUsage.OVERUSING);
        assertThat(feed(0)).isEqualTo(BandwidthUsage.NORMAL);
        assertThat(feed(-1_000)).isEqualTo(BandwidthUsage.UNDERUSING);
    }

    @Test
    void thresholdRisesWithPersistentTrendAndStaysClamped() {
        OveruseDetector d = new OveruseDetector();
        double start = d.threshold();
        for (int i = 0; i < 2_000; i++) {
            d.detect(start + 10, 20_000, i * 20_000L);
        }
        assertThat(d.threshold()).isGreaterThan(start).isLessThanOrEqualTo(600);
        for (int i = 2_000; i < 10_000; i++) {
            d.detect(0, 20_000, i * 20_000L);
        }
        assertThat(d.threshold()).isEqualTo(6.0);
    }

    /** Groups every 20 ms whose arrival spacing exceeds the send spacing by {@code extraMicros}. */
    private static BandwidthUsage feed(long extraMicros) {
        TrendlineEstimator t = new TrendlineEstimator();
        OveruseDetector d = new OveruseDetector();
        long arrival = 1_000_000;
        for (int i = 0; i < 60; i++) {
            arrival += 20_000 + extraMicros;
            d.detect(t.update(new InterArrival.Delta(20_000, 20_000 + extraMicros, arrival, 0)), 20_000, arrival);
        }
        return d.state();
    }
}
