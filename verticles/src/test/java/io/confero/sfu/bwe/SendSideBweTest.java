package io.confero.sfu.bwe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The estimator against synthetic paths (see {@link LinkSimulator}): steady link, capacity drop, random loss. */
class SendSideBweTest {
    private static final long SECOND = 1_000_000;

    @Test
    void climbsTowardASteadyLinkWithoutRunningPastIt() {
        LinkSimulator sim = new LinkSimulator(new SendSideBwe(BweConfig.DEFAULT), 10_000_000, 1);
        sim.run(40 * SECOND);
        List<Long> last = sim.estimates().subList(sim.estimates().size() - 100, sim.estimates().size());
        assertThat(sim.run(0)).isBetween(7_000_000L, 12_000_000L);
        assertThat(last).allSatisfy(e -> assertThat(e).isLessThan(12_000_000L));
    }

    @Test
    void followsACapacityDropFrom10To2MbitWithinTwoSeconds() {
        LinkSimulator sim = new LinkSimulator(new SendSideBwe(BweConfig.DEFAULT), 10_000_000, 2);
        sim.run(30 * SECOND);
        assertThat(sim.run(0)).isGreaterThan(6_000_000L);
        sim.capacityBps = 2_000_000;
        assertThat(sim.run(2 * SECOND)).isLessThanOrEqualTo(2_200_000L);
        int from = sim.estimates().size();
        sim.run(20 * SECOND);
        assertThat(sim.estimates().subList(from, sim.estimates().size()))
            .allSatisfy(e -> assertThat(e).isBetween(1_200_000L, 2_300_000L));
    }

    @Test
    void climbsBackWhenTheCapacityReturns() {
        LinkSimulator sim = new LinkSimulator(new SendSideBwe(BweConfig.DEFAULT), 2_000_000, 3);
        sim.run(20 * SECOND);
        sim.capacityBps = 10_000_000;
        assertThat(sim.run(30 * SECOND)).isGreaterThan(5_000_000L);
    }

    @Test
    void heavyRandomLossBringsTheEstimateDown() {
        SendSideBwe bwe = new SendSideBwe(BweConfig.DEFAULT);
        LinkSimulator sim = new LinkSimulator(bwe, 10_000_000, 4);
        sim.lossRate = 0.2;
        sim.run(10 * SECOND);
        assertThat(bwe.estimateBps()).isLessThan(300_000L);
        assertThat(bwe.lossFraction()).isBetween(0.1, 0.3);
    }

    @Test
    void lightRandomLossDoesNotHoldTheEstimateBack() {
        SendSideBwe bwe = new SendSideBwe(BweConfig.DEFAULT);
        LinkSimulator sim = new LinkSimulator(bwe, 10_000_000, 5);
        sim.lossRate = 0.01;
        sim.run(30 * SECOND);
        assertThat(bwe.estimateBps()).isGreaterThan(5_000_000L);
    }

    @Test
    void startsAtTheConfiguredRateAndIgnoresFeedbackForPacketsNeverSent() {
        SendSideBwe bwe = new SendSideBwe(new BweConfig(100_000, 500_000, 5_000_000));
        assertThat(bwe.estimateBps()).isEqualTo(500_000L);
        var recorder = new io.confero.sfu.forward.TwccRecorder(2, 1);
        recorder.record(10, 1_000);
        recorder.record(11, 2_000);
        assertThat(bwe.onFeedback(recorder.buildFeedback(), 10_000)).isEqualTo(500_000L);
        assertThat(bwe.ackedBitrateBps()).isEqualTo(-1L);
    }

    @Test
    void rejectsInconsistentBounds() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
            .isThrownBy(() -> new BweConfig(0, 1, 2));
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
            .isThrownBy(() -> new BweConfig(10, 5, 20));
    }
}
