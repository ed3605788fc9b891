package io.confero.sfu.bwe;

/** What the delay-based detector concludes about the path (GoogCC §5.4). */
public enum BandwidthUsage {
    /** Queuing delay is stable. */
    NORMAL,
    /** Queuing delay grows: we send more than the path carries. */
    OVERUSING,
    /** Queuing delay shrinks: a queue is draining. */
    UNDERUSING
}
