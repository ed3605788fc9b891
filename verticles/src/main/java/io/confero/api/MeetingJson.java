package io.confero.api;

import io.confero.meeting.Meeting;
import io.confero.meeting.MeetingSettings;
import io.confero.meeting.VideoCodec;
import io.confero.store.MeetingRepository;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/** REST representation of meetings (snake_case JSON) and validation of create/update bodies. */
final class MeetingJson {
  static final int TITLE_MAX = 200;
  static final int DURATION_MAX = 1440;
  private static final Duration PAST_TOLERANCE = Duration.ofMinutes(1);
  private static final Set<String> CREATE_FIELDS = Set.of("title", "type", "start_time", "duration_minutes", "settings");
  private static final Set<String> PATCH_FIELDS = Set.of("title", "start_time", "duration_minutes", "settings");
  private static final Set<String> SETTINGS_FIELDS = Set.of("max_participants", "waiting_room", "mute_on_entry",
      "allow_recording", "e2ee_enabled", "webinar", "attendee_chat", "video_codec");

  private MeetingJson() {}

  /** A validated create request. */
  record Create(String title, Meeting.Type type, Instant startTime, int durationMinutes, MeetingSettings settings) {}

  /** A validated partial update; null fields stay as they are. */
  record Patch(String title, Instant startTime, Integer durationMinutes, JsonObject settings) {}

  static Create parseCreate(JsonObject o, Instant now) {
    JsonFields.onlyKnown(o, "", CREATE_FIELDS);
    String title = JsonFields.text(o, "title", TITLE_MAX, false);
    String typeText = JsonFields.string(o, "", "type");
    Meeting.Type type = typeText == null ? Meeting.Type.INSTANT : switch (typeText) {
      case "instant" -> Meeting.Type.INSTANT;
      case "scheduled" -> Meeting.Type.SCHEDULED;
      default -> throw ApiException.invalid("type", "'type' must be instant or scheduled");
    };
    Instant start = JsonFields.instant(o, "start_time");
    if (type == Meeting.Type.SCHEDULED) {
      if (start == null) {
        throw ApiException.invalid("start_time", "'start_time' is required for a scheduled meeting");
      }
      checkNotPast(start, now);
    } else {
      start = now;
    }
    Integer duration = JsonFields.integer(o, "", "duration_minutes");
    int d = duration == null ? 60 : checkDuration(duration);
    MeetingSettings settings = settings(JsonFields.object(o, "settings"), MeetingSettings.DEFAULTS);
    return new Create(title == null ? "Confero meeting" : title, type, start, d, settings);
  }

  static Patch parsePatch(JsonObject o, Instant now) {
    JsonFields.onlyKnown(o, "", PATCH_FIELDS);
    String title = JsonFields.text(o, "title", TITLE_MAX, false);
    Instant start = JsonFields.instant(o, "start_time");
    if (start != null) {
      checkNotPast(start, now);
    }
    Integer duration = JsonFields.integer(o, "", "duration_minutes");
    if (duration != null) {
      checkDuration(duration);
    }
    JsonObject settings = JsonFields.object(o, "settings");
    if (settings != null) {
      settings(settings, MeetingSettings.DEFAULTS);
    }
    return new Patch(title, start, duration, settings);
  }

  /** Settings from a (partial) JSON object over a base; validates every field. */
  static MeetingSettings settings(JsonObject s, MeetingSettings base) {
    if (s == null) {
      return base;
    }
    JsonFields.onlyKnown(s, "settings.", SETTINGS_FIELDS);
    Integer max = JsonFields.integer(s, "settings.", "max_participants");
    if (max != null && (max < MeetingSettings.MIN_PARTICIPANTS || max > MeetingSettings.MAX_PARTICIPANTS)) {
      throw ApiException.invalid("settings.max_participants", "'settings.max_participants' must be between 2 and 1000");
    }
    Boolean wr = JsonFields.bool(s, "settings.", "waiting_room");
    Boolean mute = JsonFields.bool(s, "settings.", "mute_on_entry");
    Boolean rec = JsonFields.bool(s, "settings.", "allow_recording");
    Boolean e2ee = JsonFields.bool(s, "settings.", "e2ee_enabled");
    boolean e2eeOn = e2ee != null ? e2ee : base.e2eeEnabled();
    boolean recOn = rec != null ? rec : (e2eeOn ? false : base.allowRecording());
    if (e2eeOn && recOn) {
      throw ApiException.invalid("settings.allow_recording",
          "'settings.allow_recording' cannot be true when e2ee_enabled is true: end-to-end encrypted media cannot be recorded by the server");
    }
    VideoCodec codec = videoCodec(s, base.videoCodec());
    if (e2eeOn && codec != VideoCodec.VP8) {
      throw ApiException.invalid("settings.video_codec",
          "'settings.video_codec' must be vp8 when e2ee_enabled is true: end-to-end encrypted video is sent as VP8");
    }
    return new MeetingSettings(max != null ? max : base.maxParticipants(), wr != null ? wr : base.waitingRoom(),
        mute != null ? mute : base.muteOnEntry(), recOn, e2eeOn).withWebinar(orElse(s, "webinar", base.webinar()),
        orElse(s, "attendee_chat", base.attendeeChat())).withVideoCodec(codec);
  }

  private static VideoCodec videoCodec(JsonObject s, VideoCodec base) {
    String w = JsonFields.string(s, "settings.", "video_codec");
    if (w == null) {
      return base;
    }
    VideoCodec c = VideoCodec.fromWire(w);
    if (c == null) {
      throw ApiException.invalid("settings.video_codec", "'settings.video_codec' must be \"vp8\" or \"h264\"");
    }
    return c;
  }

  private static boolean orElse(JsonObject s, String field, boolean base) {
    Boolean b = JsonFields.bool(s, "settings.", field);
    return b != null ? b : base;
  }

  private static void checkNotPast(Instant start, Instant now) {
    checkNotPast("start_time", start, now);
  }

  static void checkNotPast(String field, Instant start, Instant now) {
    if (start.isBefore(now.minus(PAST_TOLERANCE))) {
      throw ApiException.invalid(field, "'" + field + "' must not be in the past");
    }
    if (start.isAfter(now.plus(Duration.ofDays(3660)))) {
      throw ApiException.invalid(field, "'" + field + "' must be within 10 years");
    }
  }

  static int checkDuration(int d) {
    if (d < 1 || d > DURATION_MAX) {
      throw ApiException.invalid("duration_minutes", "'duration_minutes' must be between 1 and " + DURATION_MAX);
    }
    return d;
  }

  static JsonObject render(Meeting m, String publicUrl) {
    return new JsonObject()
        .put("meeting_id", m.id().value())
        .put("title", m.title())
        .put("type", m.type().name().toLowerCase(Locale.ROOT))
        .put("status", m.status().name().toLowerCase(Locale.ROOT))
        .put("start_time", m.startTime().toString())
        .put("duration_minutes", m.durationMinutes())
        .put("join_code", m.joinCode())
        .put("join_url", publicUrl + "/j/" + m.joinCode())
        .put("settings", MeetingRepository.settingsJson(m.settings()))
        .put("created_at", m.createdAt().toString())
        .put("updated_at", m.updatedAt().toString())
        .put("ended_at", m.endedAt() == null ? null : m.endedAt().toString());
  }
}
