package io.confero.sfu.simulcast;

/**
 * Carries out one subscriber's layer choice for one simulcast track, packet by packet, so that a
 * switch never freezes the picture: the new layer starts only at one of its key frames, and until
 * that key frame arrives the current layer keeps flowing (up or down alike). While a switch is
 * pending the switcher asks for a key frame on the target layer at once and again every
 * {@code keyframeRetryNanos}; the owner sends the PLI/FIR upstream for that layer's SSRC.
 *
 * <p>Invariants: only packets of the current layer are forwarded, except the key frame that makes
 * the target current ({@link SwitchDecision#switched()}); a hidden tile ({@link #setTarget} with
 * -1) stops forwarding at once; re-targeting the current layer cancels a pending switch. Which
 * layer to target comes from a {@link LayerSelector}, re-run whenever arrival or wishes change —
 * that is how a target that stops arriving is replaced by one that still arrives.
 *
 * <p>One instance per subscriber and track; single-threaded; time comes with each call.
 */
public final class LayerSwitcher {
    private final long keyframeRetryNanos;
    private int current = -1;
    private int target = -1;
    private boolean requestDue;
    private long lastRequest;

    public LayerSwitcher(long keyframeRetryNanos) {
        if (keyframeRetryNanos <= 0) {
            throw new IllegalArgumentException("keyframeRetryNanos must be positive");
        }
        this.keyframeRetryNanos = keyframeRetryNanos;
    }

    /** The layer being forwarded, -1 for none. */
    public int current() { return current; }

    /** The layer being switched to, or {@link #current()} when no switch is pending. */
    public int target() { return target; }

    public boolean switchPending() { return target != current; }

    /** Selects the layer to forward, -1 for none (applies at once); others wait for a key frame. */
    public void setTarget(int layer) {
        if (layer < 0) {
            current = -1;
            target = -1;
        } else if (layer != target) {
            target = layer;
            requestDue = target != current;
        }
    }

    /** Decides what to do with one media packet of {@code layer}. */
    public SwitchDecision onPacket(int layer, boolean keyframe, long nowNanos) {
        if (layer == target && target != current && keyframe) {
            current = target;
            return SwitchDecision.SWITCH;
        }
        boolean request = false;
        if (target != current && (requestDue || nowNanos - lastRequest >= keyframeRetryNanos)) {
            requestDue = false;
            lastRequest = nowNanos;
            request = true;
        }
        return layer == current ? SwitchDecision.forward(request) : SwitchDecision.drop(request);
    }

    /**
     * What to do with one packet.
     *
     * @param switched true on the key frame that makes the target layer current (the forwarder
     *     starts a new segment: sequence continuation, timestamp alignment, VP8 munging)
     * @param requestKeyframe true when the owner should ask the publisher for a key frame on
     *     {@link LayerSwitcher#target()} now
     */
    public record SwitchDecision(boolean forward, boolean switched, boolean requestKeyframe) {
        static final SwitchDecision SWITCH = new SwitchDecision(true, true, false);
        private static final SwitchDecision FORWARD = new SwitchDecision(true, false, false);
        private static final SwitchDecision FORWARD_REQUEST = new SwitchDecision(true, false, true);
        private static final SwitchDecision DROP = new SwitchDecision(false, false, false);
        private static final SwitchDecision DROP_REQUEST = new SwitchDecision(false, false, true);

        public SwitchDecision {
            if (switched && !forward) {
                throw new IllegalArgumentException("a switch forwards its key frame");
            }
        }

        static SwitchDecision forward(boolean request) { return request ? FORWARD_REQUEST : FORWARD; }

        static SwitchDecision drop(boolean request) { return request ? DROP_REQUEST : DROP; }
    }
}
