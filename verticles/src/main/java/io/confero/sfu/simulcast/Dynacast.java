package io.confero.sfu.simulcast;

import java.util.Arrays;

/**
 * Decides which encodings of one simulcast producer the publisher should send (LiveKit's
 * "dynacast"): a layer no consumer needs costs the publisher CPU and uplink for nothing, so it is
 * paused ({@code RTCRtpEncodingParameters.active = false}) once it has been unneeded for
 * {@code pauseAfterNanos}, and resumed at once when a consumer needs it again.
 *
 * <p>A consumer needs the layer it wants ({@link LayerSelector#desiredLayer}) and every layer below
 * it (as LiveKit enables all qualities up to the highest one subscribed): the lower layers are
 * its fallbacks while the wanted one starts or when the publisher's estimate cannot carry it (a
 * paused middle layer would make the climb from the lowest to the top layer wait for the top
 * layer's whole minimum bitrate), plus the layer it forwards now ({@link LayerSwitcher#current()});
 * see {@link #need}.
 *
 * <p>Invariants: every layer starts active (as the publisher starts); a needed layer is active in
 * every decision; the lowest layer is never paused (a trickle keeps the publisher's bandwidth
 * estimate alive and lets a new subscriber start at once, as the web client did before simulcast); a layer is paused only after being continuously unneeded for
 * {@code pauseAfterNanos}; {@link Decision#changed()} is true exactly when the active set differs
 * from the previous decision, so the owner tells the publisher only then. Pure; one per producer;
 * time comes with each call.
 */
public final class Dynacast {
    /** At most this many layers (a bit each in an int mask). */
    public static final int MAX_LAYERS = 16;

    private final int layers;
    private final long pauseAfterNanos;
    private final long[] lastNeeded;
    private int active;

    public Dynacast(int layers, long pauseAfterNanos, long nowNanos) {
        if (layers < 1 || layers > MAX_LAYERS || pauseAfterNanos <= 0) {
            throw new IllegalArgumentException("1.." + MAX_LAYERS + " layers and a positive pause delay");
        }
        this.layers = layers;
        this.pauseAfterNanos = pauseAfterNanos;
        this.lastNeeded = new long[layers];
        Arrays.fill(lastNeeded, nowNanos);
        this.active = (1 << layers) - 1;
    }

    /**
     * Adds one consumer's needs to {@code mask}: its desired layer and every layer below it, and
     * its current layer (-1 for none).
     */
    public static int need(int mask, int desiredLayer, int currentLayer) {
        int m = mask;
        if (desiredLayer >= 0) {
            m |= (1 << Math.min(desiredLayer, MAX_LAYERS - 1) + 1) - 1;
        }
        if (currentLayer >= 0 && currentLayer < MAX_LAYERS) {
            m |= 1 << currentLayer;
        }
        return m;
    }

    /**
     * @param neededMask bit i set when some consumer needs layer i now (see {@link #need})
     */
    public Decision update(int neededMask, long nowNanos) {
        int before = active;
        long nextPause = Long.MAX_VALUE;
        for (int i = 0; i < layers; i++) {
            int bit = 1 << i;
            if ((neededMask & bit) != 0 || i == 0) {
                lastNeeded[i] = nowNanos;
                active |= bit;
            } else if ((active & bit) != 0) {
                long pauseAt = lastNeeded[i] + pauseAfterNanos;
                if (nowNanos - pauseAt >= 0) {
                    active &= ~bit;
                } else {
                    nextPause = Math.min(nextPause, pauseAt);
                }
            }
        }
        return new Decision(active, layers, active != before, nextPause);
    }

    /**
     * Which encodings should be active.
     *
     * @param activeMask bit i set when layer i should be sent
     * @param changed whether this differs from the previous decision (tell the publisher)
     * @param nextPauseNanos when a still-active unneeded layer would pause if nothing changes;
     *     {@link Long#MAX_VALUE} when none is pending (when to call {@link #update} again)
     */
    public record Decision(int activeMask, int layers, boolean changed, long nextPauseNanos) {
        public boolean isActive(int layer) { return (activeMask & (1 << layer)) != 0; }
    }
}
