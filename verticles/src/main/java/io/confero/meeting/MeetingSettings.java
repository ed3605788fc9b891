package io.confero.meeting;

import java.io.Serializable;

/**
 * Per-meeting settings, as stored and as returned over REST. A {@code webinar} seats join-link
 * guests as attendees ({@link Role#VIEWER}: receive only); {@code attendeeChat} says whether those
 * attendees may post in the meeting chat (questions), default yes. {@code videoCodec} is what every
 * publisher sends ({@link VideoCodec}), default VP8.
 */
public record MeetingSettings(int maxParticipants, boolean waitingRoom, boolean muteOnEntry,
    boolean allowRecording, boolean e2eeEnabled, boolean webinar, boolean attendeeChat, VideoCodec videoCodec)
    implements Serializable {
  public static final int MIN_PARTICIPANTS = 2;
  public static final int MAX_PARTICIPANTS = 1000;

  public static final MeetingSettings DEFAULTS = new MeetingSettings(100, false, false, true, false);

  public MeetingSettings {
    if (maxParticipants < MIN_PARTICIPANTS || maxParticipants > MAX_PARTICIPANTS) {
      throw new IllegalArgumentException("max_participants must be between 2 and 1000");
    }
    if (videoCodec == null) {
      videoCodec = VideoCodec.VP8;
    }
    if (e2eeEnabled && videoCodec != VideoCodec.VP8) {
      throw new IllegalArgumentException("an end-to-end encrypted meeting sends VP8 video");
    }
  }

  /** A meeting (not a webinar). */
  public MeetingSettings(int maxParticipants, boolean waitingRoom, boolean muteOnEntry, boolean allowRecording,
      boolean e2eeEnabled) {
    this(maxParticipants, waitingRoom, muteOnEntry, allowRecording, e2eeEnabled, false, true, VideoCodec.VP8);
  }

  /** These settings as a webinar (or not) whose attendees may (or may not) chat. */
  public MeetingSettings withWebinar(boolean isWebinar, boolean attendeesChat) {
    return new MeetingSettings(maxParticipants, waitingRoom, muteOnEntry, allowRecording, e2eeEnabled, isWebinar,
        attendeesChat, videoCodec);
  }

  /** These settings with publishers sending {@code codec}. */
  public MeetingSettings withVideoCodec(VideoCodec codec) {
    return new MeetingSettings(maxParticipants, waitingRoom, muteOnEntry, allowRecording, e2eeEnabled, webinar,
        attendeeChat, codec);
  }
}
