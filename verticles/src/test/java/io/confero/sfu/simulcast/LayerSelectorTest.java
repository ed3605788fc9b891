package io.confero.sfu.simulcast;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.sfu.simulcast.LayerSelector.Choice;
import io.confero.sfu.simulcast.LayerSelector.Layer;
import io.confero.sfu.simulcast.LayerSelector.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tile size → desired layer → selected layer, with arrival and a bandwidth budget. */
class LayerSelectorTest {
    static final Layer Q = new Layer(180, true, 150_000);
    static final Layer H = new Layer(360, true, 500_000);
    static final Layer F = new Layer(720, true, 1_500_000);
    static final Layer[] ALL = {Q, H, F};

    static Layer stopped(Layer l) {
        return new Layer(l.height(), false, 0);
    }

    @ParameterizedTest(name = "tile {0} px -> layer {1}")
    @CsvSource({"0, -1", "-5, -1", "1, 0", "120, 0", "180, 0", "211, 0", "212, 1", "360, 1", "423, 1", "424, 2", "720, 2",
        "1080, 2"})
    void tileHeightPicksTheLowestTallEnoughLayer(int tile, int layer) {
        assertThat(LayerSelector.desiredLayer(tile, ALL)).isEqualTo(layer);
    }

    @ParameterizedTest(name = "unknown heights, tile {0} px -> layer {1}")
    @CsvSource({"180, 0", "300, 1", "360, 1", "500, 2", "720, 2"})
    void unknownHeightsAreEstimatedFromANominal720pTop(int tile, int layer) {
        Layer[] unknown = {new Layer(0, true, 0), new Layer(0, true, 0), new Layer(0, true, 0)};
        assertThat(LayerSelector.desiredLayer(tile, unknown)).isEqualTo(layer);
    }

    @Test
    void twoLayersFromASmallCapture() {
        Layer[] two = {new Layer(240, true, 0), new Layer(480, true, 0)};
        assertThat(LayerSelector.desiredLayer(180, two)).isZero();
        assertThat(LayerSelector.desiredLayer(720, two)).isOne();
        assertThat(LayerSelector.desiredLayer(300, new Layer[] {new Layer(0, true, 0), new Layer(480, true, 0)})).isOne();
    }

    @Test
    void thumbnailSpeakerAndHidden() {
        assertThat(LayerSelector.selectForTile(180, ALL, Long.MAX_VALUE)).isEqualTo(new Choice(0, Reason.DESIRED));
        assertThat(LayerSelector.selectForTile(720, ALL, Long.MAX_VALUE)).isEqualTo(new Choice(2, Reason.DESIRED));
        assertThat(LayerSelector.selectForTile(0, ALL, Long.MAX_VALUE)).isEqualTo(new Choice(-1, Reason.HIDDEN));
    }

    @Test
    void aTargetThatStopsArrivingFallsToTheBestThatStillArrives() {
        assertThat(LayerSelector.select(2, new Layer[] {Q, H, stopped(F)}, Long.MAX_VALUE))
            .isEqualTo(new Choice(1, Reason.BELOW_DESIRED));
        assertThat(LayerSelector.select(2, new Layer[] {Q, stopped(H), stopped(F)}, Long.MAX_VALUE))
            .isEqualTo(new Choice(0, Reason.BELOW_DESIRED));
        assertThat(LayerSelector.select(0, new Layer[] {stopped(Q), stopped(H), F}, Long.MAX_VALUE))
            .isEqualTo(new Choice(2, Reason.ABOVE_DESIRED));
        assertThat(LayerSelector.select(0, new Layer[] {stopped(Q), H, F}, Long.MAX_VALUE))
            .isEqualTo(new Choice(1, Reason.ABOVE_DESIRED));
        assertThat(LayerSelector.select(1, new Layer[] {stopped(Q), stopped(H), stopped(F)}, Long.MAX_VALUE))
            .isEqualTo(new Choice(-1, Reason.NOTHING_ARRIVING));
    }

    @ParameterizedTest(name = "budget {0} bps, desired {1} -> layer {2} {3}")
    @CsvSource({
        "9223372036854775807, 2, 2, DESIRED",
        "2000000, 2, 2, DESIRED",
        "1000000, 2, 1, BELOW_DESIRED",
        "200000, 2, 0, BELOW_DESIRED",
        "100000, 2, 0, OVER_BUDGET",
        "100000, 0, 0, OVER_BUDGET",
    })
    void budgetCapsTheLayer(long budget, int desired, int layer, Reason reason) {
        assertThat(LayerSelector.select(desired, ALL, budget)).isEqualTo(new Choice(layer, reason));
    }

    @Test
    void budgetAppliesToTheLayerAboveWhenNothingBelowArrives() {
        Layer[] onlyTop = {stopped(Q), stopped(H), F};
        assertThat(LayerSelector.select(0, onlyTop, 1_000_000)).isEqualTo(new Choice(2, Reason.OVER_BUDGET));
    }
}
