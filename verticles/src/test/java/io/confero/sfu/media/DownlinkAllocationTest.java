package io.confero.sfu.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.sfu.bwe.Allocation;
import io.confero.sfu.bwe.TrackDemand;
import io.confero.sfu.bwe.TrackPriority;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How an allocated layer becomes the budget the consumer's layer selector picks under. */
class DownlinkAllocationTest {
    private static final TrackDemand CAMERA =
        new TrackDemand("1", TrackPriority.VIDEO, new long[] {150_000, 500_000, 1_500_000}, 2);

    @ParameterizedTest(name = "layer {0} → budget {1}")
    @CsvSource({
        "-1, 0",
        "0, 325000",
        "1, 1000000",
        "2, 9223372036854775807",
    })
    void budgetSitsHalfwayToTheNextLayerOrIsUnlimitedAtTheDesiredOne(int layer, long budget) {
        Allocation.TrackAllocation t = new Allocation.TrackAllocation("1", layer, 0, Allocation.Reason.LIMITED);
        assertThat(DownlinkAllocation.budgetFor(t, CAMERA)).isEqualTo(budget);
    }
}
