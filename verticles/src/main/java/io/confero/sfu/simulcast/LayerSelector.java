package io.confero.sfu.simulcast;

/**
 * Picks the layer one subscriber should receive of one simulcast track, from what it shows and
 * what the publisher sends. Stateless; the {@link LayerSwitcher} carries the choice out
 * (keyframe-gated).
 *
 * <p>The tile height a subscriber reports (signaling's {@code video_quality.max_height}: 0 when
 * hidden) picks the <em>desired</em> layer: the lowest whose frames are at least about as tall as
 * the tile (a 180-pixel thumbnail gets the 180p layer, a 720-pixel speaker view the top one), the
 * top layer when none is, none for a hidden tile. Layer heights come from key frames; an unknown
 * height is estimated from the layer above it (half of it, Confero's web client scales 4/2/1) and
 * the top one taken as {@value #NOMINAL_TOP_HEIGHT} until known.
 *
 * <p>The <em>selected</em> layer is then the best one at or below the desired layer that still
 * arrives and fits the bandwidth budget; if nothing at or below it arrives, the lowest arriving
 * layer above it (a sharper picture rather than none). With the budget {@link Long#MAX_VALUE}
 * (until issue 13's allocator supplies one) only arrival counts. When no arriving candidate fits
 * the budget, the lowest arriving candidate is chosen and the result says
 * {@link Reason#OVER_BUDGET}, so an allocator can decide to pause the track instead.
 */
public final class LayerSelector {
    /** Height assumed for the top layer until a key frame tells. */
    public static final int NOMINAL_TOP_HEIGHT = 720;
    /** A layer at least this share of the tile's height counts as tall enough (a little upscaling is invisible). */
    private static final double TALL_ENOUGH = 0.85;

    private LayerSelector() {
    }

    /**
     * What the selector knows of one layer.
     *
     * @param height frame height from the layer's key frames, 0 while unknown
     * @param arriving whether packets of the layer still arrive
     * @param bitrateBps the layer's recent bitrate, 0 while unknown
     */
    public record Layer(int height, boolean arriving, long bitrateBps) {
    }

    /** Why {@link #select} chose what it chose. */
    public enum Reason {
        /** The tile is hidden: forward nothing. */
        HIDDEN,
        /** No layer arrives. */
        NOTHING_ARRIVING,
        /** The desired layer. */
        DESIRED,
        /** The desired layer does not arrive or does not fit: the best lower one that does. */
        BELOW_DESIRED,
        /** Nothing at or below the desired layer arrives: the lowest arriving one above it. */
        ABOVE_DESIRED,
        /** No arriving candidate fits the budget: the lowest arriving candidate anyway. */
        OVER_BUDGET
    }

    /** @param layer the chosen layer, -1 for none */
    public record Choice(int layer, Reason reason) {
    }

    /** The desired layer for a tile {@code tileHeight} pixels high, -1 when hidden (0). */
    public static int desiredLayer(int tileHeight, Layer[] layers) {
        if (tileHeight <= 0) {
            return -1;
        }
        int top = layers.length - 1;
        int estimate = layers[top].height() > 0 ? layers[top].height() : NOMINAL_TOP_HEIGHT;
        int[] heights = new int[layers.length];
        for (int i = top; i >= 0; i--) {
            heights[i] = layers[i].height() > 0 ? layers[i].height() : estimate;
            estimate = heights[i] / 2;
        }
        for (int i = 0; i < top; i++) {
            if (heights[i] >= tileHeight * TALL_ENOUGH) {
                return i;
            }
        }
        return top;
    }

    /** The layer to forward for a subscriber showing the track at {@code tileHeight} pixels. */
    public static Choice selectForTile(int tileHeight, Layer[] layers, long budgetBps) {
        return select(desiredLayer(tileHeight, layers), layers, budgetBps);
    }

    /**
     * @param desired the desired layer, -1 for none
     * @param budgetBps what this track may use of the subscriber's downlink; {@link Long#MAX_VALUE} for no limit
     */
    public static Choice select(int desired, Layer[] layers, long budgetBps) {
        if (desired < 0) {
            return new Choice(-1, Reason.HIDDEN);
        }
        int lowestBelow = -1;
        for (int i = Math.min(desired, layers.length - 1); i >= 0; i--) {
            if (layers[i].arriving()) {
                if (layers[i].bitrateBps() <= budgetBps) {
                    return new Choice(i, i == desired ? Reason.DESIRED : Reason.BELOW_DESIRED);
                }
                lowestBelow = i;
            }
        }
        if (lowestBelow >= 0) {
            return new Choice(lowestBelow, Reason.OVER_BUDGET);
        }
        for (int i = desired + 1; i < layers.length; i++) {
            if (layers[i].arriving()) {
                return new Choice(i, layers[i].bitrateBps() <= budgetBps ? Reason.ABOVE_DESIRED : Reason.OVER_BUDGET);
            }
        }
        return new Choice(-1, Reason.NOTHING_ARRIVING);
    }
}
