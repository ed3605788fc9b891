package io.confero.sfu.forward;

/** Why a {@link Forwarder} dropped a packet (counted per reason by the owner, as mediasoup does). */
public enum DropReason {
    /** Video source selected but no keyframe seen yet; the owner should request one (throttled). */
    WAITING_FOR_KEYFRAME,
    /** The packet's SSRC is neither the current nor the pending source. */
    NOT_SELECTED,
    /** Forwarding is paused (no source selected). */
    PAUSED,
    /** Older than the point where the current source started being forwarded. */
    TOO_OLD
}
