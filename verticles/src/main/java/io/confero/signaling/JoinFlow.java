package io.confero.signaling;

import io.confero.meeting.LiveMeeting;
import io.confero.meeting.LiveParticipant;
import io.confero.meeting.MeetingMutations;
import io.confero.store.ChatRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code join}: entering the meeting, or the waiting room first when the meeting has one. */
final class JoinFlow {
  static final int CHAT_HISTORY = 100;

  private final SignalingVerticle v;
  private final Messages messages;

  JoinFlow(SignalingVerticle v, Messages messages) {
    this.v = v;
    this.messages = messages;
  }

  Future<?> join(Connection conn, JsonObject msg) {
    if (conn.joined || conn.waiting) {
      throw new SignalingError("already-joined", "already joined");
    }
    Object version = msg.getValue("v");
    if (version != null && !(version instanceof Integer)) {
      throw new SignalingError("bad-message", "'v' must be an integer");
    }
    return v.components().meetings().findById(conn.principal.meeting()).compose(found -> {
      if (found.isEmpty()) {
        throw new SignalingError("meeting-ended", "the meeting no longer exists");
      }
      conn.title = found.get().title();
      conn.e2ee = found.get().settings().e2eeEnabled();
      return v.mutate(conn, new MeetingMutations.Join(conn.principal.participant(), v.components().clock().millis()))
          .compose(out -> {
        if (!out.accepted()) {
          String code = switch (out.errorCode()) {
            case MeetingMutations.REMOVED -> "removed";
            case MeetingMutations.FULL -> "meeting-full";
            case MeetingMutations.SEAT_EXPIRED -> "seat-expired";
            default -> "meeting-ended";
          };
          conn.error(code, "cannot join: " + out.errorCode(), null);
          v.disconnect(conn, (short) 4403, code);
          return Future.succeededFuture();
        }
        LiveParticipant self = out.state().participants().get(conn.principal.participant());
        conn.sync(self);
        if (self.presence() == LiveParticipant.Presence.WAITING) {
          wait(conn);
          return Future.succeededFuture();
        }
        v.components().meetings().markLive(conn.principal.meeting(), java.time.Instant.now());
        return enter(conn, out.state());
      });
    });
  }

  private void wait(Connection conn) {
    Connection previous = v.room(conn.meetingId()).put(conn.participantId(), conn);
    replaced(previous, conn);
    conn.waiting = true;
    conn.send(new JsonObject().put("type", "waiting").put("meeting", meetingJson(conn, null)));
    v.broadcastModerators(conn.meetingId(), new JsonObject().put("type", "knock")
        .put("participant", Views.knocker(conn.participantId(), conn.principal.displayName())));
  }

  /** A waiting participant on this node was admitted: they enter now. */
  void admitted(Connection conn, LiveMeeting state) {
    conn.waiting = false;
    conn.send(new JsonObject().put("type", "admitted"));
    enter(conn, state).onFailure(e -> v.fail(conn, e, null));
  }

  /**
   * Sends {@code joined} (with the chat history) and tells the others: a participant who was
   * already there (held for the reconnect grace, or still connected elsewhere) takes their seat
   * back with a {@code participant_updated}, never a leave and join.
   */
  Future<?> enter(Connection conn, LiveMeeting state) {
    return v.components().chat().recent(conn.principal.meeting(), CHAT_HISTORY).map(history -> {
      if (conn.closed) {
        Connection held = v.connection(conn.meetingId(), conn.participantId());
        v.mutate(conn, held != null && held.held ? new MeetingMutations.Hold(conn.principal.participant())
            : new MeetingMutations.Leave(conn.principal.participant(), "disconnected"));
        return null;
      }
      Map<String, Connection> room = v.room(conn.meetingId());
      Connection previous = room.put(conn.participantId(), conn);
      boolean wasThere = previous != null && previous != conn && previous.joined;
      replaced(previous, conn);
      conn.joined = true;
      conn.send(joinedMessage(conn, state, room, history).put("resumed", wasThere));
      v.sendActiveSpeaker(conn);
      v.broadcast(conn.meetingId(), new JsonObject().put("type", wasThere ? "participant_updated" : "participant_joined")
          .put("participant", conn.participantJson()), conn);
      messages.renegotiate(conn);
      return null;
    });
  }

  /** The participant's previous connection gives way to {@code conn}: its media goes, a live one is closed. */
  private void replaced(Connection previous, Connection conn) {
    if (previous == null || previous == conn) {
      return;
    }
    if (previous.held) {
      v.reconnects().resumed(previous);
      return;
    }
    previous.error("already-joined", "this participant connected again elsewhere", null);
    previous.closed = true;
    previous.ws.close((short) 4409, "replaced");
    if (previous.joined) {
      v.reconnects().releaseMedia(previous);
    }
  }

  private JsonObject joinedMessage(Connection conn, LiveMeeting state, Map<String, Connection> room,
      List<ChatRepository.ChatMessage> history) {
    List<JsonObject> participants = new ArrayList<>();
    List<JsonObject> tracks = new ArrayList<>();
    for (Connection other : room.values()) {
      if (other != conn && other.joined) {
        participants.add(other.participantJson());
        other.tracks.forEach(t -> tracks.add(Connection.trackJson(t)));
      }
    }
    JsonArray waiting = new JsonArray();
    if (conn.role.canModerate()) {
      state.participants().values().stream().filter(p -> p.presence() == LiveParticipant.Presence.WAITING)
          .forEach(p -> waiting.add(Views.knocker(p.id().value(), p.displayName())));
    }
    return new JsonObject().put("type", "joined").put("v", Messages.PROTOCOL_VERSION)
        .put("self", conn.participantJson()).put("meeting", meetingJson(conn, state))
        .put("participants", SignalingVerticle.array(participants)).put("tracks", SignalingVerticle.array(tracks))
        .put("chat", SignalingVerticle.array(history.stream().map(Views::chat).toList()))
        .put("waiting", waiting).put("reconnect_grace_ms", v.reconnects().graceMillis())
        .put("recording", v.recordingControls().state(conn.meetingId()));
  }

  private static JsonObject meetingJson(Connection conn, LiveMeeting state) {
    JsonObject m = new JsonObject().put("meeting_id", conn.meetingId()).put("title", conn.title)
        .put("e2ee", conn.e2ee);
    if (state != null) {
      m.put("locked", state.locked()).put("allow_multi_share", state.multiShare());
    }
    return m;
  }
}
