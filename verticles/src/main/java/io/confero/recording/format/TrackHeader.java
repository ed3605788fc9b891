package io.confero.recording.format;

import java.util.Objects;

/**
 * The header every recording file (chunk) starts with ({@code docs/recording-format.md} §3).
 *
 * @param kind what the file holds
 * @param codec the payload format ({@link TrackCodec#NONE} for events)
 * @param ssrc the producer's SSRC (0 for events)
 * @param participantId who produced the track (empty for events)
 * @param trackId the track's id within the recording (a file name stem)
 * @param chunk the chunk's index within the track, from 0
 * @param startMicros wall-clock time the chunk was opened, microseconds since the Unix epoch
 */
public record TrackHeader(TrackKind kind, TrackCodec codec, int ssrc, String participantId, String trackId,
    int chunk, long startMicros) {
  /** Longest id in bytes (UTF-8). */
  public static final int MAX_ID = 255;

  public TrackHeader {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(codec, "codec");
    Objects.requireNonNull(participantId, "participantId");
    Objects.requireNonNull(trackId, "trackId");
    if ((kind == TrackKind.EVENTS) != (codec == TrackCodec.NONE)) {
      throw new IllegalArgumentException("an events file has codec NONE and only it does");
    }
    if (chunk < 0) {
      throw new IllegalArgumentException("chunk must be >= 0");
    }
    if (utf8Length(participantId) > MAX_ID || utf8Length(trackId) > MAX_ID) {
      throw new IllegalArgumentException("ids are at most " + MAX_ID + " bytes");
    }
  }

  /** The same track's next chunk, opened at {@code startMicros}. */
  public TrackHeader next(long startMicros) {
    return new TrackHeader(kind, codec, ssrc, participantId, trackId, chunk + 1, startMicros);
  }

  static int utf8Length(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }
}
