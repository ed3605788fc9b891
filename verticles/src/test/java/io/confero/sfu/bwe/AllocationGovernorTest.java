package io.confero.sfu.bwe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Fast down, slow up, resume only after the connection held, no oscillation. */
class AllocationGovernorTest {
    private static final long MS = 1_000;
    private static final long UP_HOLD = 2_000 * MS;
    private static final long RESUME_HOLD = 5_000 * MS;
    private static final List<TrackDemand> DEMANDS = BandwidthAllocatorTest.meeting();

    private final AllocationGovernor governor = new AllocationGovernor(UP_HOLD, RESUME_HOLD);

    @Test
    void goesDownAtOnceAndUpOnlyAfterTheEstimateHeld() {
        long now = 0;
        assertThat(layer(governor.update(5_000_000, DEMANDS, now), "speaker")).isEqualTo(2);
        now += 100 * MS;
        assertThat(layer(governor.update(900_000, DEMANDS, now), "speaker")).as("fast down").isEqualTo(0);
        for (int i = 0; i < 20; i++) {
            now += 100 * MS;
            assertThat(layer(governor.update(5_000_000, DEMANDS, now), "speaker")).as("slow up, at %d ms", now / MS).isZero();
        }
        now += 100 * MS;
        assertThat(layer(governor.update(5_000_000, DEMANDS, now), "speaker")).isEqualTo(2);
    }

    @Test
    void aPausedVideoResumesOnlyAfterTheResumeHold() {
        long now = 0;
        Allocation a = governor.update(100_000, DEMANDS, now);
        assertThat(a.byTrack().get("speaker").reason()).isEqualTo(Allocation.Reason.PAUSED_POOR_CONNECTION);
        for (int i = 0; i < 50; i++) {
            now += 100 * MS;
            assertThat(governor.update(3_000_000, DEMANDS, now).anyPaused()).as("at %d ms", now / MS).isTrue();
        }
        now += 100 * MS;
        assertThat(governor.update(3_000_000, DEMANDS, now).anyPaused()).isFalse();
    }

    private static final long PAUSE_HOLD = 3_000 * MS;

    @Test
    void aVideoBeingSentKeepsItsLowestLayerForThePauseHoldThenPauses() {
        AllocationGovernor g = new AllocationGovernor(UP_HOLD, RESUME_HOLD, PAUSE_HOLD);
        long now = 0;
        assertThat(layer(g.update(5_000_000, DEMANDS, now), "speaker")).isEqualTo(2);
        for (int i = 0; i < 30; i++) {
            now += 100 * MS;
            Allocation a = g.update(100_000, new AllocationGovernor.Delivery(0.01, 100_000), DEMANDS, now);
            assertThat(a.anyPaused()).as("at %d ms", now / MS).isFalse();
            assertThat(layer(a, "speaker")).isZero();
            assertThat(layer(a, "tile-a")).isZero();
        }
        now += 100 * MS;
        Allocation a = g.update(100_000, new AllocationGovernor.Delivery(0.01, 100_000), DEMANDS, now);
        assertThat(a.byTrack().get("speaker").reason()).isEqualTo(Allocation.Reason.PAUSED_POOR_CONNECTION);
        assertThat(a.byTrack().get("screen").reason()).isEqualTo(Allocation.Reason.PAUSED_POOR_CONNECTION);
        assertThat(layer(a, "audio-a")).isZero();
    }

    @Test
    void aShortageThatEndsWithinThePauseHoldPausesNothing() {
        AllocationGovernor g = new AllocationGovernor(UP_HOLD, RESUME_HOLD, PAUSE_HOLD);
        long now = 0;
        g.update(5_000_000, DEMANDS, now);
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 20; i++) {
                assertThat(g.update(100_000, DEMANDS, now += 100 * MS).anyPaused()).isFalse();
            }
            for (int i = 0; i < 30; i++) {
                assertThat(g.update(3_000_000, DEMANDS, now += 100 * MS).anyPaused()).isFalse();
            }
        }
    }

    @Test
    void aLinkSeenCarryingTheLowestLayersWithoutLossPausesNothing() {
        AllocationGovernor g = new AllocationGovernor(UP_HOLD, RESUME_HOLD, PAUSE_HOLD);
        long now = 0;
        g.update(5_000_000, DEMANDS, now);
        for (int i = 0; i < 100; i++) {
            Allocation a = g.update(100_000, new AllocationGovernor.Delivery(0.01, 1_500_000), DEMANDS, now += 100 * MS);
            assertThat(a.anyPaused()).as("at %d ms", now / MS).isFalse();
            assertThat(layer(a, "speaker")).isZero();
        }
        Allocation lossy = g.update(100_000, new AllocationGovernor.Delivery(0.05, 1_500_000), DEMANDS, now += 100 * MS);
        assertThat(lossy.anyPaused()).as("the same delivery with 5 %% loss proves nothing").isFalse();
        now += PAUSE_HOLD;
        assertThat(g.update(100_000, new AllocationGovernor.Delivery(0.05, 1_500_000), DEMANDS, now).anyPaused()).isTrue();
    }

    @Test
    void heavyLossPausesAtOnce() {
        AllocationGovernor g = new AllocationGovernor(UP_HOLD, RESUME_HOLD, PAUSE_HOLD);
        g.update(5_000_000, DEMANDS, 0);
        Allocation a = g.update(100_000, new AllocationGovernor.Delivery(AllocationGovernor.PAUSE_AT_ONCE_LOSS, 5_000_000), DEMANDS,
            100 * MS);
        assertThat(a.byTrack().get("speaker").reason()).isEqualTo(Allocation.Reason.PAUSED_POOR_CONNECTION);
    }

    @Test
    void aVideoNeverSentIsPausedAtOnce() {
        AllocationGovernor g = new AllocationGovernor(UP_HOLD, RESUME_HOLD, PAUSE_HOLD);
        assertThat(g.update(100_000, DEMANDS, 0).anyPaused()).isTrue();
    }

    @Test
    void anEstimateJitteringWithinTheHysteresisChangesNothing() {
        long now = 0;
        governor.update(1_000_000, DEMANDS, now);
        Allocation first = governor.update(950_000, DEMANDS, now += 100 * MS);
        Random r = new Random(7);
        for (int i = 0; i < 600; i++) {
            long estimate = 950_000 + r.nextInt(140_000);
            assertThat(governor.update(estimate, DEMANDS, now += 100 * MS).sameLayers(first)).isTrue();
        }
    }

    /**
     * Over any estimate sequence, layers go up at most once per up-hold, and the number of changes is
     * bounded by the number of raises times the steps a fall can take.
     */
    @Property(tries = 200)
    void noOscillationWhateverTheEstimates(@ForAll long seed) {
        Random r = new Random(seed);
        AllocationGovernor g = new AllocationGovernor(UP_HOLD, RESUME_HOLD);
        long now = 0;
        long estimate = r.nextInt(5_000_000);
        Allocation prev = g.update(estimate, DEMANDS, now);
        int changes = 0;
        int raises = 0;
        long lastRaise = Long.MIN_VALUE / 2;
        int steps = 3_000;
        for (int i = 0; i < steps; i++) {
            now += 100 * MS;
            estimate = r.nextInt(20) == 0 ? r.nextInt(5_000_000) : Math.max(0, estimate + r.nextInt(400_001) - 200_000);
            long before = g.budgetBps();
            Allocation next = g.update(estimate, DEMANDS, now);
            if (g.budgetBps() > before) {
                assertThat(now - lastRaise).isGreaterThanOrEqualTo(UP_HOLD);
                lastRaise = now;
                raises++;
            }
            if (!next.sameLayers(prev)) {
                changes++;
            }
            assertThat(next.totalBps()).isLessThanOrEqualTo(Math.max(g.budgetBps(), 80_000));
            prev = next;
        }
        int totalLayers = 3 + 3 + 2;
        assertThat(raises).isLessThanOrEqualTo((int) (steps * 100 * MS / UP_HOLD) + 1);
        assertThat(changes).isLessThanOrEqualTo((raises + 1) * (totalLayers + 1));
    }

    private static int layer(Allocation a, String track) {
        return a.byTrack().get(track).layer();
    }
}
