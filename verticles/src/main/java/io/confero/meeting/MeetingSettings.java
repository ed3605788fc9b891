package io.confero.meeting;

import java.io.Serializable;

/** Per-meeting settings, as stored and as returned over REST. */
public record MeetingSettings(int maxParticipants, boolean waitingRoom, boolean muteOnEntry,
    boolean allowRecording, boolean e2eeEnabled) implements Serializable {
  public static final int MIN_PARTICIPANTS = 2;
  public static final int MAX_PARTICIPANTS = 1000;

  public static final MeetingSettings DEFAULTS = new MeetingSettings(100, false, false, true, false);

  public MeetingSettings {
    if (maxParticipants < MIN_PARTICIPANTS || maxParticipants > MAX_PARTICIPANTS) {
      throw new IllegalArgumentException("max_participants must be between 2 and 1000");
    }
  }
}
