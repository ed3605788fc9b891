package io.confero.signaling;

import io.confero.meeting.LiveMeeting;
import io.confero.meeting.LiveParticipant;
import io.confero.meeting.MeetingMutations;
import io.confero.store.ChatRepository;
import io.confero.store.MeetingRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.time.Clock;

/** {@code join}: entering the meeting, or the waiting room first when the meeting has one. */
final class JoinFlow {
  static final int CHAT_HISTORY = 100;

  /** Where the meeting and its chat are stored, and the clock of the join time. */
  record Stores(MeetingRepository meetings, ChatRepository chat, Clock clock) {}

  /** What joining tells the newcomer besides the room: the active speaker, the recording, the reconnect grace. */
  record Extras(SfuEvents speakers, RecordingControls recording, Reconnects reconnects) {}

  private final Stores stores;
  private final LiveState live;
  private final Rooms rooms;
  private final Departures departures;
  private final Subscriptions subscriptions;
  private final Extras extras;
  private final Failures failures;

  JoinFlow(Stores stores, LiveState live, Rooms rooms, Departures departures, Subscriptions subscriptions,
      Extras extras, Failures failures) {
    this.stores = stores;
    this.live = live;
    this.rooms = rooms;
    this.departures = departures;
    this.subscriptions = subscriptions;
    this.extras = extras;
    this.failures = failures;
  }

  Future<?> join(Connection conn, JsonObject msg) {
    if (conn.state != Connection.State.CONNECTED) {
      throw new SignalingError("already-joined", "already joined");
    }
    Object version = msg.getValue("v");
    if (version != null && !(version instanceof Integer)) {
      throw new SignalingError("bad-message", "'v' must be an integer");
    }
    return stores.meetings().findById(conn.principal.meeting()).compose(found -> {
      if (found.isEmpty()) {
        throw new SignalingError("meeting-ended", "the meeting no longer exists");
      }
      conn.title = found.get().title();
      conn.e2ee = found.get().settings().e2eeEnabled();
      conn.webinar = found.get().settings().webinar();
      conn.videoCodec = found.get().settings().videoCodec();
      conn.attendeeChat = conn.webinar && found.get().settings().attendeeChat();
      return live.mutate(conn, new MeetingMutations.Join(conn.principal.participant(), stores.clock().millis()))
          .compose(out -> {
        if (!out.accepted()) {
          String code = switch (out.errorCode()) {
            case MeetingMutations.REMOVED -> "removed";
            case MeetingMutations.FULL -> "meeting-full";
            case MeetingMutations.SEAT_EXPIRED -> "seat-expired";
            default -> "meeting-ended";
          };
          conn.error(code, "cannot join: " + out.errorCode(), null);
          departures.disconnect(conn, (short) 4403, code);
          return Future.succeededFuture();
        }
        LiveParticipant self = out.state().participants().get(conn.principal.participant());
        conn.sync(self);
        if (self.presence() == LiveParticipant.Presence.WAITING) {
          wait(conn);
          return Future.succeededFuture();
        }
        stores.meetings().markLive(conn.principal.meeting(), java.time.Instant.now());
        return enter(conn, out.state());
      });
    });
  }

  private void wait(Connection conn) {
    Connection previous = rooms.put(conn);
    replaced(previous, conn);
    conn.state = Connection.State.WAITING;
    conn.send(new JsonObject().put("type", "waiting").put("meeting", meetingJson(conn, null)));
    rooms.broadcastModerators(conn.meetingId(), new JsonObject().put("type", "knock")
        .put("participant", Views.knocker(conn.participantId(), conn.principal.displayName())));
  }

  /** A waiting participant on this node was admitted: they enter now. */
  void admitted(Connection conn, LiveMeeting state) {
    conn.state = Connection.State.CONNECTED;
    conn.send(new JsonObject().put("type", "admitted"));
    enter(conn, state).onFailure(e -> failures.report(conn, e, null));
  }

  /**
   * Sends {@code joined} (with the chat history) and tells the others: a participant who was
   * already there (held for the reconnect grace, or still connected elsewhere) takes their seat
   * back with a {@code participant_updated}, never a leave and join.
   */
  Future<?> enter(Connection conn, LiveMeeting state) {
    return stores.chat().recent(conn.principal.meeting(), CHAT_HISTORY).map(history -> {
      if (conn.closed()) {
        Connection held = rooms.connection(conn.meetingId(), conn.participantId());
        live.mutate(conn, held != null && held.held() ? new MeetingMutations.Hold(conn.principal.participant())
            : new MeetingMutations.Leave(conn.principal.participant(), "disconnected"));
        return null;
      }
      Connection previous = rooms.put(conn);
      boolean wasThere = previous != null && previous != conn && previous.inMeeting();
      replaced(previous, conn);
      conn.state = Connection.State.JOINED;
      conn.send(joinedMessage(conn, state, history).put("resumed", wasThere));
      extras.speakers().sendActiveSpeaker(conn);
      rooms.broadcast(conn.meetingId(), new JsonObject().put("type", wasThere ? "participant_updated" : "participant_joined")
          .put("participant", conn.participantJson()), conn);
      subscriptions.renegotiate(conn);
      return null;
    });
  }

  /** The participant's previous connection gives way to {@code conn}: its media goes, a live one is closed. */
  private void replaced(Connection previous, Connection conn) {
    if (previous == null || previous == conn) {
      return;
    }
    if (previous.held()) {
      extras.reconnects().resumed(previous);
      return;
    }
    previous.error("already-joined", "this participant connected again elsewhere", null);
    boolean wasIn = previous.inMeeting();
    previous.state = Connection.State.CLOSED;
    previous.ws.close((short) 4409, "replaced");
    if (wasIn) {
      extras.reconnects().releaseMedia(previous);
    }
  }

  private JsonObject joinedMessage(Connection conn, LiveMeeting state, List<ChatRepository.ChatMessage> history) {
    List<JsonObject> participants = new ArrayList<>();
    List<JsonObject> tracks = new ArrayList<>();
    for (Connection other : rooms.connections(conn.meetingId())) {
      if (other != conn && other.inMeeting()) {
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
        .put("participants", Json.array(participants)).put("tracks", Json.array(tracks))
        .put("chat", Json.array(history.stream().map(Views::chat).toList()))
        .put("waiting", waiting).put("reconnect_grace_ms", extras.reconnects().graceMillis())
        .put("recording", extras.recording().state(conn.meetingId()));
  }

  private static JsonObject meetingJson(Connection conn, LiveMeeting state) {
    JsonObject m = new JsonObject().put("meeting_id", conn.meetingId()).put("title", conn.title)
        .put("e2ee", conn.e2ee).put("webinar", conn.webinar).put("attendee_chat", conn.attendeeChat)
        .put("video_codec", conn.videoCodec.wire());
    if (state != null) {
      m.put("locked", state.locked()).put("allow_multi_share", state.multiShare())
          .put("spotlight", state.spotlight() == null ? null : state.spotlight().value());
    }
    return m;
  }
}
