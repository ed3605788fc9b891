package io.confero.codecs.sfu;

import java.util.Objects;

/**
 * A published track as the signaling plane describes it to clients.
 *
 * @param trackId unique within the meeting
 * @param participantId the publisher
 * @param kind {@code audio} or {@code video}
 * @param source {@code microphone}, {@code camera} or {@code screen}
 * @param muted true while the SFU is not forwarding it (publisher muted it, or a host did)
 */
public record TrackInfo(String trackId, String participantId, String kind, String source, boolean muted) {
  public TrackInfo {
    Objects.requireNonNull(trackId, "trackId");
    Objects.requireNonNull(participantId, "participantId");
    if (!kind.equals("audio") && !kind.equals("video")) {
      throw new IllegalArgumentException("kind must be audio or video");
    }
    Objects.requireNonNull(source, "source");
  }

  public TrackInfo withMuted(boolean m) {
    return new TrackInfo(trackId, participantId, kind, source, m);
  }
}
