package io.confero.store;

import io.confero.meeting.LiveMeeting;
import io.confero.meeting.LiveParticipant;
import io.confero.meeting.MeetingId;
import io.confero.meeting.MeetingSettings;
import io.confero.meeting.ParticipantId;
import io.confero.meeting.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A meeting's live state as the JSON stored in {@code meeting_live_state}. The settings are not
 * stored: the meeting row holds them, and a restore takes them from there.
 */
public final class LiveStateCodec {
  private LiveStateCodec() {}

  public static JsonObject encode(LiveMeeting m) {
    JsonArray people = new JsonArray();
    for (LiveParticipant p : m.participants().values()) {
      people.add(new JsonObject().put("id", p.id().value()).put("name", p.displayName()).put("role", p.role().wire())
          .put("presence", p.presence().name()).put("audio_muted", p.audioMuted()).put("video_muted", p.videoMuted())
          .put("hand", p.handRaisedAt()).put("user_ref", p.userRef()).put("reconnecting", p.reconnecting())
          .put("seated_at", p.seatedAt()));
    }
    JsonObject j = new JsonObject().put("epoch", m.epoch()).put("locked", m.locked()).put("ended", m.ended())
        .put("multi_share", m.multiShare())
        .put("sharers", new JsonArray(m.sharers().stream().map(ParticipantId::value).toList()))
        .put("participants", people);
    return m.spotlight() == null ? j : j.put("spotlight", m.spotlight().value());
  }

  /** The state {@link #encode} wrote, with the meeting's current {@code settings}. */
  public static LiveMeeting decode(MeetingId id, MeetingSettings settings, JsonObject j) {
    Map<ParticipantId, LiveParticipant> people = new LinkedHashMap<>();
    for (Object o : j.getJsonArray("participants", new JsonArray())) {
      JsonObject p = (JsonObject) o;
      ParticipantId pid = new ParticipantId(p.getString("id"));
      people.put(pid, new LiveParticipant(pid, p.getString("name"), Role.parse(p.getString("role")).orElseThrow(),
          LiveParticipant.Presence.valueOf(p.getString("presence")), p.getBoolean("audio_muted", false),
          p.getBoolean("video_muted", false), p.getLong("hand", 0L), p.getString("user_ref"),
          p.getBoolean("reconnecting", false), p.getLong("seated_at", 0L)));
    }
    Set<ParticipantId> sharers = new LinkedHashSet<>();
    j.getJsonArray("sharers", new JsonArray()).forEach(s -> sharers.add(new ParticipantId((String) s)));
    String spotlight = j.getString("spotlight");
    return new LiveMeeting(id, settings, j.getLong("epoch"), j.getBoolean("locked", false),
        j.getBoolean("ended", false), people, j.getBoolean("multi_share", false), sharers,
        spotlight == null ? null : new ParticipantId(spotlight));
  }
}
