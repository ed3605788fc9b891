package io.confero.signaling;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/** Validates each client frame of protocol v1 (docs/protocol.md) and hands it to the part that handles it. */
final class Messages {
  static final int PROTOCOL_VERSION = 1;
  /**
   * What the {@code viewer} role (a webinar's attendee) may not do: it watches, listens, reacts and
   * raises a hand; it chats only in a webinar whose {@code attendee_chat} is on.
   */
  private static final Set<String> VIEWERS_MAY_NOT = Set.of("publish", "mute", "chat");
  private static final Set<String> TYPES = Set.of("join", "publish", "subscribe_answer", "trickle", "mute", "leave",
      "ping", "chat", "reaction", "raise_hand", "lower_hand", "mute_participant", "mute_all", "ask_unmute",
      "remove_participant", "lock", "set_role", "transfer_host", "end_meeting", "admit", "deny", "admit_all",
      "video_quality", "allow_multi_share", "attendee_chat", "start_recording", "stop_recording", "e2ee", "spotlight");

  /** The parts that handle frames, each with only the collaborators it uses. */
  record Handlers(JoinFlow joins, HostControls host, Social social, RecordingControls recording,
      Publishing publishing, Subscriptions subscriptions, VideoQuality quality, Departures departures,
      E2eeRelay e2ee) {}

  private final Handlers h;
  private final java.time.Clock clock;

  /** @param clock times the participants' flood limits ({@link FloodLimits}) */
  Messages(Handlers handlers, java.time.Clock clock) {
    this.h = handlers;
    this.clock = clock;
  }

  Future<?> handle(Connection conn, JsonObject msg) {
    String type = str(msg, "type", 32, true);
    if (!TYPES.contains(type)) {
      throw new SignalingError("unknown-type", "unknown message type '" + type + "'");
    }
    Object meeting = msg.getValue("meeting_id");
    if (meeting != null && !conn.meetingId().equals(meeting)) {
      throw new SignalingError("wrong-meeting", "this connection belongs to another meeting");
    }
    if (!conn.inMeeting() && !type.equals("join") && !type.equals("ping") && !type.equals("leave")) {
      throw new SignalingError("not-joined", conn.state == Connection.State.WAITING ? "wait until a host admits you" : "send join first");
    }
    if (conn.role == io.confero.meeting.Role.VIEWER && VIEWERS_MAY_NOT.contains(type)
        && !(type.equals("chat") && conn.attendeeChat)) {
      throw new SignalingError("view-only", "a viewer watches and listens: no publishing, no chat");
    }
    if (!conn.allowMessage(type, clock.millis())) {
      throw new SignalingError("rate-limited", "too many '" + type + "' messages from you right now; try again in a moment");
    }
    return switch (type) {
      case "join" -> h.joins().join(conn, msg);
      case "chat", "reaction", "raise_hand", "lower_hand" -> h.social().handle(conn, type, msg);
      case "mute_participant", "mute_all", "ask_unmute", "remove_participant", "lock", "set_role", "transfer_host",
          "end_meeting", "admit", "deny", "admit_all", "allow_multi_share", "attendee_chat", "spotlight" ->
          h.host().handle(conn, type, msg);
      case "start_recording", "stop_recording" -> h.recording().handle(conn, type);
      case "e2ee" -> h.e2ee().handle(conn, msg);
      case "publish" -> h.publishing().publish(conn, msg);
      case "subscribe_answer" -> h.subscriptions().answer(conn, msg);
      case "trickle" -> trickle(msg);
      case "mute" -> h.publishing().mute(conn, msg);
      case "video_quality" -> h.quality().onRequest(conn, msg);
      case "leave" -> {
        h.departures().disconnect(conn, (short) 1000, "left");
        yield Future.succeededFuture();
      }
      default -> {
        conn.send(new JsonObject().put("type", "pong"));
        yield Future.succeededFuture();
      }
    };
  }

  private Future<?> trickle(JsonObject msg) {
    String target = str(msg, "target", 16, true);
    if (!target.equals("publisher") && !target.equals("subscriber")) {
      throw new SignalingError("bad-message", "'target' must be publisher or subscriber");
    }
    Object cand = msg.getValue("candidate");
    if (cand != null && !(cand instanceof String) && !(cand instanceof JsonObject)) {
      throw new SignalingError("bad-message", "'candidate' must be a string, an object or null");
    }
    return Future.succeededFuture();
  }

  /** The participant named by {@code field}: a required UUID string. */
  static io.confero.meeting.ParticipantId participant(JsonObject msg, String field) {
    String s = str(msg, field, 64, true);
    try {
      return new io.confero.meeting.ParticipantId(s);
    } catch (IllegalArgumentException e) {
      throw new SignalingError("bad-message", "'" + field + "' must be a participant id");
    }
  }

  static boolean bool(JsonObject msg, String field) {
    if (!(msg.getValue(field) instanceof Boolean b)) {
      throw new SignalingError("bad-message", "'" + field + "' must be true or false");
    }
    return b;
  }

  static String str(JsonObject msg, String field, int max, boolean required) {
    Object val = msg.getValue(field);
    if (val == null) {
      if (required) {
        throw new SignalingError("bad-message", "'" + field + "' is required");
      }
      return null;
    }
    if (!(val instanceof String s)) {
      throw new SignalingError("bad-message", "'" + field + "' must be a string");
    }
    if (s.length() > max) {
      throw new SignalingError("bad-message", "'" + field + "' is longer than " + max + " characters");
    }
    return s;
  }
}
