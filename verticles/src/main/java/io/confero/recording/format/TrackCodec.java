package io.confero.recording.format;

/** The RTP payload format of a recorded track, with its RTP clock rate. */
public enum TrackCodec {
  NONE(0, 1000), OPUS(1, 48_000), VP8(2, 90_000), H264(3, 90_000);

  private final int code;
  private final int clockRate;

  TrackCodec(int code, int clockRate) {
    this.code = code;
    this.clockRate = clockRate;
  }

  /** The byte written in the file header. */
  public int code() {
    return code;
  }

  /** The RTP clock rate in Hz (RFC 7587 §4.1: Opus is always 48 kHz; video 90 kHz). */
  public int clockRate() {
    return clockRate;
  }

  /** The codec with that header byte, or {@code null}. */
  public static TrackCodec of(int code) {
    for (TrackCodec c : values()) {
      if (c.code == code) {
        return c;
      }
    }
    return null;
  }

  /** The codec for an SDP encoding name (case-insensitive), or {@code null} when not recordable. */
  public static TrackCodec ofEncodingName(String name) {
    return switch (name.toUpperCase(java.util.Locale.ROOT)) {
      case "OPUS" -> OPUS;
      case "VP8" -> VP8;
      case "H264" -> H264;
      default -> null;
    };
  }
}
