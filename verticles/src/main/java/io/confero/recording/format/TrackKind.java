package io.confero.recording.format;

/** What a recording file holds: one media track of a participant, or the meeting's events. */
public enum TrackKind {
  AUDIO(1), CAMERA(2), SCREEN(3), EVENTS(4);

  private final int code;

  TrackKind(int code) {
    this.code = code;
  }

  /** The byte written in the file header. */
  public int code() {
    return code;
  }

  /** True for the two video kinds. */
  public boolean isVideo() {
    return this == CAMERA || this == SCREEN;
  }

  /** The kind with that header byte, or {@code null}. */
  public static TrackKind of(int code) {
    for (TrackKind k : values()) {
      if (k.code == code) {
        return k;
      }
    }
    return null;
  }
}
