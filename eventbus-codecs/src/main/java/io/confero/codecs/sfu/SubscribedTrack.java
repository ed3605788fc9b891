package io.confero.codecs.sfu;

/** Which track a subscriber m-section (by mid) carries, so the client can label what it receives. */
public record SubscribedTrack(String mid, TrackInfo track) {}
