package io.confero.signaling;

import io.confero.meeting.MeetingMutations;
import io.vertx.core.json.JsonObject;

/**
 * How a connection ends: its socket closed ({@link #closed}), or the server closes it
 * ({@link #disconnect}); a joined participant whose socket dropped is held for the reconnect grace,
 * everyone else leaves now, with the live state, the room and the others told.
 */
final class Departures {
  private final Rooms rooms;
  private final LiveState live;
  private final Reconnects reconnects;

  Departures(Rooms rooms, LiveState live, Reconnects reconnects) {
    this.rooms = rooms;
    this.live = live;
    this.reconnects = reconnects;
  }

  /**
   * A connection ended: a joined participant whose socket dropped ({@code hold}) is held for the
   * reconnect grace; everyone else leaves now.
   */
  void closed(Connection conn, String reason, boolean hold) {
    if (conn.closed()) {
      return;
    }
    Connection.State was = conn.state;
    conn.state = Connection.State.CLOSED;
    if (!rooms.seated(conn)) {
      return;
    }
    if (hold && was == Connection.State.JOINED && reconnects.enabled()) {
      reconnects.hold(conn);
      return;
    }
    rooms.forget(conn);
    if (was == Connection.State.WAITING) {
      live.mutate(conn, new MeetingMutations.Leave(conn.principal.participant(), reason));
      rooms.broadcastModerators(conn.meetingId(), new JsonObject().put("type", "knock_resolved")
          .put("participant_id", conn.participantId()).put("outcome", "left"));
      return;
    }
    if (was != Connection.State.JOINED) {
      return;
    }
    reconnects.releaseMedia(conn);
    live.mutate(conn, new MeetingMutations.Leave(conn.principal.participant(), reason))
        .onSuccess(out -> {
          if (out.state() != null) {
            rooms.syncRoles(conn.meetingId(), out.state()); // the host role passed on (HostSuccession)
          }
        });
    rooms.broadcast(conn.meetingId(), new JsonObject().put("type", "participant_left")
        .put("participant_id", conn.participantId()).put("reason", reason), conn);
  }

  /**
   * Closes a connection from the server side, with the leave bookkeeping. A participant held for
   * the reconnect grace leaves now (removed, meeting ended); one whose media was lost is held.
   */
  void disconnect(Connection conn, short code, String reason) {
    if (conn.held()) {
      reconnects.end(conn, reason);
      return;
    }
    closed(conn, reason, "media lost".equals(reason));
    if (!conn.ws.isClosed()) {
      conn.ws.close(code, reason);
    }
  }

  /**
   * Sends a waiting participant away (removed or denied) without the waiting room's own leave: the
   * host's mutation already took them out of the live state.
   */
  void dismiss(Connection conn, short code, String reason) {
    if (conn.state == Connection.State.WAITING) {
      conn.state = Connection.State.CONNECTED;
    }
    disconnect(conn, code, reason);
  }
}
