package io.confero.signaling;

import io.confero.codecs.sfu.SfuRequest;
import io.confero.codecs.sfu.TrackInfo;
import io.confero.meeting.MeetingMutation;
import io.confero.meeting.MeetingMutations;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reconnect grace period (docs/protocol.md, "Reconnecting"). A joined participant whose socket
 * closes without {@code leave} is <em>held</em>: their old connection stays in the room, marked
 * reconnecting, so the others see a {@code participant_updated} instead of a leave. The media of the
 * old connection is released at once (its tracks are unpublished, like LiveKit's full reconnect):
 * the client comes back with new peer connections and publishes again. Sending {@code join} with the
 * same session token within the grace takes the seat back; otherwise the participant leaves with
 * reason {@code disconnected}. Deadlines are read from the injected clock, checked once a second.
 */
final class Reconnects {
  /** How often held participants are checked against their deadline. */
  static final long SWEEP_MS = 1000;

  private final Rooms rooms;
  private final LiveState live;
  private final SfuClient sfu;
  private final Subscriptions subscriptions;
  private final Duration grace;
  private final Clock clock;
  /** Held connections (socket gone) → deadline in clock millis. */
  private final Map<Connection, Long> deadlines = new LinkedHashMap<>();

  Reconnects(Rooms rooms, LiveState live, SfuClient sfu, Subscriptions subscriptions, Duration grace, Clock clock) {
    this.rooms = rooms;
    this.live = live;
    this.sfu = sfu;
    this.subscriptions = subscriptions;
    this.grace = grace;
    this.clock = clock;
  }

  boolean enabled() {
    return !grace.isZero() && !grace.isNegative();
  }

  long graceMillis() {
    return grace.toMillis();
  }

  /** Holds a joined participant whose socket closed unexpectedly; they stay in the room. */
  void hold(Connection conn) {
    conn.state = Connection.State.HELD;
    deadlines.put(conn, clock.millis() + grace.toMillis());
    releaseMedia(conn);
    live.mutate(conn, new MeetingMutations.Hold(conn.principal.participant()));
    rooms.broadcast(conn.meetingId(), new JsonObject().put("type", "participant_updated")
        .put("participant", conn.participantJson()), conn);
  }

  /** Frees the SFU side of a connection (transports, producers, consumers); the others see its tracks go. */
  void releaseMedia(Connection conn) {
    sfu.request(new SfuRequest.Leave(conn.meetingId(), conn.participantId()));
    if (conn.sharing) { // the screen share went with the media: someone else may present now
      conn.sharing = false;
      live.mutate(conn, new io.confero.meeting.ShareMutations.StopShare(conn.principal.participant()));
    }
    List<TrackInfo> tracks = List.copyOf(conn.tracks);
    conn.tracks.clear();
    for (TrackInfo t : tracks) {
      rooms.broadcast(conn.meetingId(), new JsonObject().put("type", "track_unpublished")
          .put("track", Connection.trackJson(t)), conn);
    }
    if (!tracks.isEmpty()) {
      subscriptions.renegotiateAll(conn.meetingId(), conn);
    }
  }

  /** The held participant came back on a new connection: the hold is over, nobody else is told of a leave. */
  void resumed(Connection held) {
    deadlines.remove(held);
    held.state = Connection.State.CLOSED;
    live.mutate(held, new MeetingMutations.Resume(held.principal.participant()));
  }

  /** Ends a hold at once (removed, meeting ended): the participant leaves for {@code reason}. */
  void end(Connection held, String reason) {
    finish(held, reason, new MeetingMutations.Leave(held.principal.participant(), reason));
  }

  /** Lets every hold whose grace ran out end: the normal leave with reason {@code disconnected}. */
  void sweep() {
    long now = clock.millis();
    List<Connection> due = deadlines.entrySet().stream().filter(e -> e.getValue() <= now)
        .map(Map.Entry::getKey).toList();
    for (Connection held : due) {
      finish(held, "disconnected", new MeetingMutations.ExpireHold(held.principal.participant()));
    }
  }

  private void finish(Connection held, String reason, MeetingMutation leave) {
    deadlines.remove(held);
    held.state = Connection.State.CLOSED;
    if (!rooms.forget(held)) {
      return;
    }
    live.mutate(held, leave).onSuccess(out -> {
      if (out.state() != null) {
        rooms.syncRoles(held.meetingId(), out.state());
      }
    });
    rooms.broadcast(held.meetingId(), new JsonObject().put("type", "participant_left")
        .put("participant_id", held.participantId()).put("reason", reason), held);
  }
}
