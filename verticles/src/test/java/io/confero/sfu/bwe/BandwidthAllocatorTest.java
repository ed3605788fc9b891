package io.confero.sfu.bwe;

import static io.confero.sfu.bwe.Allocation.Reason.AUDIO;
import static io.confero.sfu.bwe.Allocation.Reason.DESIRED;
import static io.confero.sfu.bwe.Allocation.Reason.HIDDEN;
import static io.confero.sfu.bwe.Allocation.Reason.LIMITED;
import static io.confero.sfu.bwe.Allocation.Reason.PAUSED_POOR_CONNECTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The ladder: audio always, then screen, speaker, tiles, one layer at a time. */
class BandwidthAllocatorTest {
    static final long[] CAMERA = {150_000, 500_000, 1_500_000};
    static final long[] SCREEN = {300_000, 1_200_000};
    static final long[] OPUS = {40_000};

    static List<TrackDemand> meeting() {
        return List.of(
            new TrackDemand("tile-a", TrackPriority.VIDEO, CAMERA, 1),
            new TrackDemand("audio-a", TrackPriority.AUDIO, OPUS, 0),
            new TrackDemand("speaker", TrackPriority.SPEAKER, CAMERA, 2),
            new TrackDemand("screen", TrackPriority.SCREEN, SCREEN, 1),
            new TrackDemand("hidden", TrackPriority.VIDEO, CAMERA, -1),
            new TrackDemand("audio-b", TrackPriority.AUDIO, OPUS, 0));
    }

    /** budget → layers of tile-a, speaker, screen (audio always 0, hidden always -1). */
    @ParameterizedTest(name = "{0} bit/s → tile {1}, speaker {2}, screen {3}")
    @CsvSource({
        "0,         -1, -1, -1",
        "100000,    -1, -1, -1",
        "229999,    -1, -1, -1",
        "230000,    -1,  0, -1",
        "379999,    -1,  0, -1",
        "380000,    -1, -1,  0",
        "530000,    -1,  0,  0",
        "680000,     0,  0,  0",
        "1580000,    0,  0,  1",
        "1930000,    0,  1,  1",
        "2280000,    1,  1,  1",
        "3280000,    1,  2,  1",
        "99000000,   1,  2,  1",
    })
    void spendsTheBudgetDownTheLadder(long budget, int tile, int speaker, int screen) {
        Allocation a = BandwidthAllocator.allocate(meeting(), budget);
        var by = a.byTrack();
        assertThat(by.get("tile-a").layer()).isEqualTo(tile);
        assertThat(by.get("speaker").layer()).isEqualTo(speaker);
        assertThat(by.get("screen").layer()).isEqualTo(screen);
        assertThat(by.get("audio-a").layer()).isZero();
        assertThat(by.get("audio-b").reason()).isEqualTo(AUDIO);
        assertThat(by.get("hidden")).satisfies(t -> {
            assertThat(t.layer()).isEqualTo(-1);
            assertThat(t.reason()).isEqualTo(HIDDEN);
        });
        assertThat(a.totalBps()).isLessThanOrEqualTo(Math.max(budget, 80_000));
        assertThat(a.tracks()).extracting(Allocation.TrackAllocation::trackId)
            .containsExactly("tile-a", "audio-a", "speaker", "screen", "hidden", "audio-b");
    }

    @Test
    void whatATrackWantsIsItsBestLayerThatArrivesUpToTheDesiredOne() {
        assertThat(new TrackDemand("t", TrackPriority.VIDEO, CAMERA, 2).desiredBps()).isEqualTo(1_500_000);
        assertThat(new TrackDemand("t", TrackPriority.VIDEO, CAMERA, 1).desiredBps()).isEqualTo(500_000);
        // the publisher's encoder dropped its upper layers: the lowest is what the tile would get
        assertThat(new TrackDemand("t", TrackPriority.VIDEO, new long[] {150_000, 0, 0}, 2).desiredBps()).isEqualTo(150_000);
        assertThat(new TrackDemand("t", TrackPriority.VIDEO, CAMERA, -1).desiredBps()).isZero();
    }

    @Test
    void saysWhyEachVideoGotWhatItGot() {
        var by = BandwidthAllocator.allocate(meeting(), 1_000_000).byTrack();
        assertThat(by.get("screen").reason()).isEqualTo(LIMITED);
        assertThat(by.get("tile-a").reason()).isEqualTo(LIMITED);
        assertThat(BandwidthAllocator.allocate(meeting(), 100_000).byTrack().get("speaker").reason())
            .isEqualTo(PAUSED_POOR_CONNECTION);
        assertThat(BandwidthAllocator.allocate(meeting(), 10_000_000).byTrack().get("speaker").reason())
            .isEqualTo(DESIRED);
        assertThat(BandwidthAllocator.allocate(meeting(), 100_000).anyPaused()).isTrue();
    }

    @Test
    void audioIsAllocatedEvenWithNoBudget() {
        Allocation a = BandwidthAllocator.allocate(List.of(new TrackDemand("a", TrackPriority.AUDIO, OPUS, 0)), 0);
        assertThat(a.tracks()).singleElement().satisfies(t -> assertThat(t.layer()).isZero());
        assertThat(a.totalBps()).isEqualTo(40_000L);
    }

    @Test
    void rejectsMalformedDemands() {
        assertThatIllegalArgumentException().isThrownBy(() -> new TrackDemand("x", TrackPriority.VIDEO, new long[0], -1));
        assertThatIllegalArgumentException().isThrownBy(() -> new TrackDemand("x", TrackPriority.VIDEO, CAMERA, 3));
        assertThatIllegalArgumentException().isThrownBy(() -> new TrackDemand("x", TrackPriority.VIDEO, new long[] {-1}, 0));
        assertThat(new TrackDemand("x", TrackPriority.VIDEO, CAMERA.clone(), 1))
            .isEqualTo(new TrackDemand("x", TrackPriority.VIDEO, CAMERA.clone(), 1));
    }
}
