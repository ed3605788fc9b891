package io.confero.recording.control;

import java.util.Locale;

/** Where a recording is in its life. */
public enum RecordingStatus {
  /** Tracks are being captured. */
  RECORDING,
  /** Stopped; a compositing job is queued or running. */
  PROCESSING,
  /** The MP4 is in the store. */
  READY,
  /** Compositing was given up. */
  FAILED;

  /** The value stored and sent over REST. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static RecordingStatus ofWire(String s) {
    return valueOf(s.toUpperCase(Locale.ROOT));
  }
}
