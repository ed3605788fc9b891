package io.confero.sfu.bwe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When {@link ProbeController} probes, at which rate, and how it backs off. */
class ProbeControllerTest {
    private static final long SECOND = 1_000_000;

    @ParameterizedTest(name = "estimate {0}, wanted {1}: probe at {2}")
    @CsvSource({
        "60000,    2000000, 120000",   // a paused video: twice the estimate
        "30000,    2000000, 100000",   // never below the smallest useful probe
        "1000000,  2000000, 2000000",
        "2000000,  2000000, 2500000",  // capped at 1.25 x what is wanted
        "2400000,  2000000, 2500000",
        "2500000,  2000000, -1",       // enough: no probe
        "3000000,  2000000, -1",
        "500000,   0,       -1",       // nothing wanted
    })
    void probesAtTwiceTheEstimateUpToWhatIsWanted(long estimate, long wanted, long target) {
        ProbeCluster c = new ProbeController(52, 275).process(estimate, wanted, 0);
        if (target < 0) {
            assertThat(c).isNull();
        } else {
            assertThat(c.targetBps()).isEqualTo(target);
            assertThat(c.packetBytes()).isBetween(52, 275);
            assertThat(c.packets()).isGreaterThanOrEqualTo(ProbeCluster.MIN_PACKETS);
        }
    }

    @Test
    void oneClusterAtATimeAndASuccessIsFollowedAtOnce() {
        ProbeController p = new ProbeController(52, 275);
        ProbeCluster first = p.process(100_000, 2_000_000, 0);
        assertThat(p.process(100_000, 2_000_000, 50_000)).isNull();
        p.onResult(first.id(), 190_000, 100_000);
        ProbeCluster second = p.process(190_000, 2_000_000, 100_000);
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(second.targetBps()).isEqualTo(380_000);
    }

    @Test
    void failuresBackOffOneTwoFourFourSeconds() {
        ProbeController p = new ProbeController(52, 275);
        long now = 0;
        long[] waits = {1, 2, 4, 4};
        for (long wait : waits) {
            ProbeCluster c = p.process(200_000, 2_000_000, now);
            assertThat(c).isNotNull();
            p.onResult(c.id(), 100_000, now + 100_000);
            now += 100_000;
            assertThat(p.process(200_000, 2_000_000, now + wait * SECOND - 1)).isNull();
            now += wait * SECOND;
        }
        assertThat(p.process(200_000, 2_000_000, now)).isNotNull();
    }

    @Test
    void aClusterNeverMeasuredCountsAsAFailureAfterASecond() {
        ProbeController p = new ProbeController(52, 275);
        p.process(200_000, 2_000_000, 0);
        assertThat(p.process(200_000, 2_000_000, SECOND - 1)).isNull();
        assertThat(p.process(200_000, 2_000_000, SECOND)).isNull();
        assertThat(p.inFlight()).isNull();
        assertThat(p.process(200_000, 2_000_000, 2 * SECOND)).isNotNull();
    }

    @Test
    void anEstimateThatCoversTheWantResetsTheBackoff() {
        ProbeController p = new ProbeController(52, 275);
        ProbeCluster c = p.process(200_000, 2_000_000, 0);
        p.onResult(c.id(), ProbeBitrateEstimator.Result.INVALID, 0);
        assertThat(p.process(3_000_000, 2_000_000, 10)).isNull();
        // a new want later (a tile grew): the first failure waits one second again, not two
        c = p.process(200_000, 4_000_000, 2 * SECOND);
        p.onResult(c.id(), 0, 2 * SECOND);
        assertThat(p.process(200_000, 4_000_000, 3 * SECOND)).isNotNull();
    }

    @Test
    void resultsOfOtherClustersAreIgnored() {
        ProbeController p = new ProbeController(52, 275);
        ProbeCluster c = p.process(200_000, 2_000_000, 0);
        p.onResult(c.id() + 1, 400_000, 10);
        assertThat(p.inFlight()).isEqualTo(c);
    }

    @Test
    void clustersLastAtLeastTheMinimumAndArePacedAtTheirRate() {
        ProbeCluster c = ProbeCluster.of(1, 2_000_000, 52, 275);
        assertThat(c.packets()).isEqualTo(23);
        assertThat(c.offsetMicros(c.packets() - 1)).isGreaterThanOrEqualTo(ProbeCluster.MIN_DURATION_MICROS - 1_100);
        assertThat(c.offsetMicros(1)).isEqualTo(1_100);
        ProbeCluster thin = ProbeCluster.of(2, 200_000, 52, 275);
        assertThat(thin.packets()).isEqualTo(5);
        assertThat(thin.packetBytes()).as("625 B over five packets, not five full ones").isEqualTo(125);
        assertThat(thin.offsetMicros(4)).isEqualTo(20_000);
        assertThatThrownBy(() -> new ProbeCluster(1, 0, 5, 275)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProbeController(0, 275)).isInstanceOf(IllegalArgumentException.class);
    }
}
