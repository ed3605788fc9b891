package io.confero.recording.format;

/** A recording file whose header cannot be read: not a Confero track file, or an unknown version. */
public final class TrackFormatException extends Exception {
  public TrackFormatException(String message) {
    super(message);
  }
}
