package io.confero.sfu.bwe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Probing against synthetic paths ({@link LinkSimulator}): a subscriber whose video is paused sends
 * 60 kbit/s of audio while its tiles want 2.2 Mbit/s; the probes are what lets the estimate climb.
 */
class ProbingTest {
    private static final long SECOND = 1_000_000;
    private static final int PROBE_BYTES = 275;

    /**
     * A subscriber that sent all the estimate allowed for 10 s over a link of {@code capacityBps}
     * (so the estimate learnt the cap), then had its video paused: 60 kbit/s from then on.
     */
    private static LinkSimulator pausedSubscriber(long capacityBps, boolean probing, long seed) {
        LinkSimulator sim = new LinkSimulator(new SendSideBwe(BweConfig.DEFAULT), capacityBps, seed);
        sim.run(10 * SECOND);
        sim.appLimitBps = 60_000;
        sim.wantedBps = 2_200_000;
        sim.prober = probing ? new ProbeController(52, PROBE_BYTES) : null;
        return sim;
    }

    @Test
    void aPausedVideosEstimateClimbsBackWithinSecondsOfTheCapLifting() {
        LinkSimulator sim = pausedSubscriber(250_000, true, 11);
        sim.run(20 * SECOND);
        assertThat(sim.run(0)).isLessThan(450_000L);
        sim.capacityBps = 10_000_000;
        assertThat(sim.run(6 * SECOND)).isGreaterThanOrEqualTo(2_200_000L);
    }

    @Test
    void withoutProbingTheSameEstimateStaysFarBelow() {
        LinkSimulator sim = pausedSubscriber(250_000, false, 11);
        sim.run(20 * SECOND);
        sim.capacityBps = 10_000_000;
        assertThat(sim.run(6 * SECOND)).isLessThan(1_000_000L);
    }

    @Test
    void probesOnACappedLinkLeaveTheEstimateNearTheCapAndBackOff() {
        LinkSimulator sim = pausedSubscriber(500_000, true, 12);
        sim.run(10 * SECOND);
        int from = sim.estimates().size();
        int clustersBefore = sim.probeClusters;
        sim.run(20 * SECOND);
        assertThat(sim.estimates().subList(from, sim.estimates().size()))
            .allSatisfy(e -> assertThat(e).isLessThan(800_000L));
        // backing off to one cluster every 4 s, not one a second
        assertThat(sim.probeClusters - clustersBefore).isBetween(1, 8);
    }

    @Test
    void stopsProbingOnceTheEstimateCoversWhatIsWanted() {
        LinkSimulator sim = pausedSubscriber(10_000_000, true, 13);
        sim.run(10 * SECOND);
        int clusters = sim.probeClusters;
        assertThat(sim.run(0)).isGreaterThanOrEqualTo(2_200_000L);
        sim.run(10 * SECOND);
        assertThat(sim.probeClusters).isEqualTo(clusters);
    }
}
