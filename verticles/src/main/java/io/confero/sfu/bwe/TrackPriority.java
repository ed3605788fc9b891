package io.confero.sfu.bwe;

/** Where a subscribed track stands on the degradation ladder, highest priority first. */
public enum TrackPriority {
    /** Audio: never allocated away. */
    AUDIO,
    /** A screen share. */
    SCREEN,
    /** The active speaker or a pinned participant's camera. */
    SPEAKER,
    /** Any other visible camera tile. */
    VIDEO
}
