package io.confero.sfu.forward;

import io.confero.sfu.metrics.DropReason;
import io.confero.media.rtp.RtpPacket;

/**
 * The immutable result of {@link Forwarder#decide}: either drop (with a reason) or forward with
 * the rewritten SSRC, sequence number, timestamp and marker to write into the outgoing packet.
 *
 * @param keyframeRequested true when the owner should ask the source for a keyframe (PLI/FIR),
 *     subject to its {@link KeyframeRequestThrottle}
 * @param sourceSwitched true on the first forwarded packet of a newly selected source
 */
public record ForwardDecision(Action action, DropReason reason, int ssrc, int sequenceNumber, long timestamp,
                              boolean marker, boolean keyframeRequested, boolean sourceSwitched) {

    /** What to do with the packet. */
    public enum Action { FORWARD, DROP }

    private static final ForwardDecision WAITING =
        new ForwardDecision(Action.DROP, DropReason.WAITING_FOR_KEYFRAME, 0, 0, 0, false, true, false);

    public ForwardDecision {
        if ((action == Action.DROP) != (reason != null)) {
            throw new IllegalArgumentException("a drop needs a reason, a forward has none");
        }
    }

    static ForwardDecision forward(int ssrc, int seq, long ts, boolean marker, boolean switched) {
        return new ForwardDecision(Action.FORWARD, null, ssrc, seq, ts, marker, false, switched);
    }

    static ForwardDecision drop(DropReason reason) {
        return reason == DropReason.WAITING_FOR_KEYFRAME ? WAITING
            : new ForwardDecision(Action.DROP, reason, 0, 0, 0, false, false, false);
    }

    public boolean isForward() { return action == Action.FORWARD; }

    /**
     * Rewrites SSRC, sequence number, timestamp and marker of {@code packet} in place.
     *
     * @throws IllegalStateException for a drop decision
     */
    public void applyTo(RtpPacket packet) {
        if (!isForward()) {
            throw new IllegalStateException("cannot apply a drop decision");
        }
        packet.setSsrc(ssrc);
        packet.setSequenceNumber(sequenceNumber);
        packet.setTimestamp(timestamp);
        packet.setMarker(marker);
    }
}
