package io.confero.recording.format;

/** Meeting events the compositor lays out by (the {@code EVENT} record of an events file). */
public enum MeetingEventType {
  /** A participant joined; the text is the display name. */
  JOIN(1),
  LEAVE(2),
  AUDIO_MUTED(3),
  AUDIO_UNMUTED(4),
  VIDEO_OFF(5),
  VIDEO_ON(6),
  /** The loudest speaker changed to this participant. */
  ACTIVE_SPEAKER(7),
  SCREEN_SHARE_STARTED(8),
  SCREEN_SHARE_STOPPED(9),
  /** The recording was stopped; nothing after it is composited. */
  RECORDING_STOPPED(10);

  private final int code;

  MeetingEventType(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The type with that byte, or {@code null}. */
  public static MeetingEventType of(int code) {
    for (MeetingEventType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    return null;
  }
}
