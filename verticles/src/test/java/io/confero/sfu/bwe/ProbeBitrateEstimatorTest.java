package io.confero.sfu.bwe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What {@link ProbeBitrateEstimator} makes of a probe cluster's feedback. */
class ProbeBitrateEstimatorTest {
    private static final int BYTES = 275;

    /** Ten packets of cluster 7 sent every {@code sendGap} µs, arriving every {@code arrivalGap} µs. */
    private static List<PacketResult> train(int packets, long sendGap, long arrivalGap) {
        List<PacketResult> out = new ArrayList<>();
        for (int i = 0; i < packets; i++) {
            out.add(new PacketResult(1_000_000 + i * sendGap, 5_000_000 + i * arrivalGap, BYTES, 7));
        }
        return out;
    }

    private static ProbeBitrateEstimator.Result measure(List<PacketResult> results) {
        ProbeBitrateEstimator e = new ProbeBitrateEstimator();
        e.onClusterStarted(new ProbeCluster(7, 2_000_000, 10, BYTES), 1_000_000);
        return e.onResults(results, 1_100_000);
    }

    /** 275 B every 1100 µs is 2 Mbit/s; nine of ten packets' bytes over nine gaps. */
    @ParameterizedTest(name = "sent every {0} µs, arriving every {1} µs: {2} bit/s")
    @CsvSource({
        "1100, 1100, 2000000",   // the path carried the rate
        "1100, 1050, 2000000",   // arriving a little faster: the send rate
        "1100, 0,    2000000",   // bunched by a late reader: the send rate
        "1100, 1200, 1833333",   // a little slower, not saturated: the arrival rate
        "1100, 2200, 950000",    // half as fast: saturated, 0.95 x the arrival rate
        "1100, 4400, 475000",
    })
    void measuresTheLowerOfSendAndArrivalRates(long sendGap, long arrivalGap, long expected) {
        ProbeBitrateEstimator.Result r = measure(train(10, sendGap, arrivalGap));
        assertThat(r.clusterId()).isEqualTo(7);
        assertThat(r.bps()).isBetween(expected - 1, expected + 1);
    }

    @Test
    void waitsForEightOfTenPacketsAcrossFeedbacks() {
        ProbeBitrateEstimator e = new ProbeBitrateEstimator();
        e.onClusterStarted(new ProbeCluster(7, 2_000_000, 10, BYTES), 0);
        List<PacketResult> all = train(10, 1100, 1100);
        assertThat(e.onResults(all.subList(0, 7), 0)).isNull();
        assertThat(e.onResults(all.subList(7, 8), 0)).isNotNull();
        assertThat(e.onResults(all.subList(8, 10), 0)).as("reported once").isNull();
    }

    @Test
    void lostPacketsMediaAndUnknownClustersDoNotCount() {
        ProbeBitrateEstimator e = new ProbeBitrateEstimator();
        e.onClusterStarted(new ProbeCluster(7, 2_000_000, 10, BYTES), 0);
        List<PacketResult> results = new ArrayList<>(train(7, 1100, 1100));
        results.add(new PacketResult(2_000_000, PacketResult.LOST, BYTES, 7));
        results.add(new PacketResult(2_000_000, 6_000_000, 1200));
        results.add(new PacketResult(2_000_000, 6_000_000, BYTES, 8));
        assertThat(e.onResults(results, 0)).isNull();
    }

    @Test
    void timingThatMakesNoSenseIsInvalid() {
        assertThat(measure(train(10, 0, 1100)).bps()).isEqualTo(ProbeBitrateEstimator.Result.INVALID);
        assertThat(measure(train(10, 200_000, 1100)).bps()).isEqualTo(ProbeBitrateEstimator.Result.INVALID);
    }

    @Test
    void aClusterNeverAnsweredIsForgotten() {
        ProbeBitrateEstimator e = new ProbeBitrateEstimator();
        e.onClusterStarted(new ProbeCluster(7, 2_000_000, 10, BYTES), 0);
        assertThat(e.onResults(train(10, 1100, 1100), ProbeBitrateEstimator.CLUSTER_TTL_MICROS + 1)).isNull();
    }
}
