package io.confero.signaling;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Coalesces the participant events of large meetings (issue 17, "signaling at scale"): in a room
 * of more than {@code above} connections, {@code participant_joined}, {@code participant_updated}
 * and {@code participant_left} are not sent one by one (a join storm of n people would be n²
 * frames) but kept per participant, newest state winning, and sent every flush as one
 * {@code participants_changed} frame ({@code joined}, {@code updated}, {@code left} lists). Smaller
 * meetings keep the single events, so their latency is unchanged. Pure: the owner calls
 * {@link #offer} from its broadcast and {@link #drain} from a periodic timer, on one event loop.
 */
final class ParticipantBatches {
  /** What happened to one participant since the last flush. */
  enum Change {
    JOINED, UPDATED, LEFT;

    static Change of(String type) {
      return switch (type) {
        case "participant_joined" -> JOINED;
        case "participant_updated" -> UPDATED;
        case "participant_left" -> LEFT;
        default -> null;
      };
    }
  }

  /** One participant's pending change: the participant (joined, updated) or {participant_id, reason} (left). */
  record Pending(Change change, JsonObject body, Connection except) {}

  private final int above;
  private final Map<String, LinkedHashMap<String, Pending>> pending = new HashMap<>();

  /** @param above rooms with more connections than this batch their participant events; 0 batches every room */
  ParticipantBatches(int above) {
    this.above = above;
  }

  /**
   * Keeps {@code msg} for the next flush when it is a participant event of a room of {@code roomSize}
   * connections above the threshold (true), else leaves it to the caller to send now (false).
   */
  boolean offer(String meetingId, int roomSize, JsonObject msg, Connection except) {
    Change change = Change.of(msg.getString("type", ""));
    if (change == null || roomSize <= above) {
      return false;
    }
    JsonObject body = change == Change.LEFT ? msg.copy() : msg.getJsonObject("participant");
    String pid = body == null ? null : body.getString("participant_id");
    if (pid == null) {
      return false;
    }
    body.remove("type"); // a left's own copy; a participant object has none
    LinkedHashMap<String, Pending> room = pending.computeIfAbsent(meetingId, k -> new LinkedHashMap<>());
    Pending before = room.remove(pid);
    Change merged = before != null && before.change() == Change.JOINED && change == Change.UPDATED ? Change.JOINED
        : before != null && before.change() == Change.LEFT && change != Change.LEFT ? Change.JOINED : change;
    Connection skip = before == null || before.except() == except ? except : null;
    room.put(pid, new Pending(merged, body, skip));
    return true;
  }

  /** Takes every meeting's pending changes, oldest participant first. */
  Map<String, List<Pending>> drain() {
    Map<String, List<Pending>> out = new HashMap<>();
    pending.forEach((meeting, room) -> out.put(meeting, new ArrayList<>(room.values())));
    pending.clear();
    return out;
  }

  /** The meeting has nobody on this node any more. */
  void forget(String meetingId) {
    pending.remove(meetingId);
  }

  /** The {@code participants_changed} frame for {@code to}: the changes not meant to skip it, or null if none. */
  static JsonObject frame(List<Pending> changes, Connection to) {
    JsonArray joined = new JsonArray();
    JsonArray updated = new JsonArray();
    JsonArray left = new JsonArray();
    for (Pending p : changes) {
      if (p.except() != null && p.except() == to) {
        continue;
      }
      (p.change() == Change.JOINED ? joined : p.change() == Change.UPDATED ? updated : left).add(p.body());
    }
    if (joined.isEmpty() && updated.isEmpty() && left.isEmpty()) {
      return null;
    }
    return new JsonObject().put("type", "participants_changed").put("joined", joined).put("updated", updated)
        .put("left", left);
  }
}
