package io.confero.signaling;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * The opaque key-exchange relay of end-to-end encrypted meetings (docs/protocol.md, "End-to-end
 * encryption"; docs/e2ee.md). A client's {@code e2ee} frame carries a {@code payload} string the
 * server neither parses, stores nor logs; the relay delivers it to one named participant
 * ({@code to}) or to every other joined participant of the meeting, stamped with the sender's id
 * ({@code from}) so that no participant can speak for another. Only meetings created with
 * {@code settings.e2ee_enabled} relay; payloads are bounded, and meeting-wide sends (each one fans
 * out to everyone) have their own per-sender budget on top of the socket's frame limit.
 */
final class E2eeRelay {
  /** The longest payload, in characters (a wrapped key or a public key with room to spare). */
  static final int MAX_PAYLOAD = 4096;
  /** Meeting-wide sends per sender: refill per second, and at most this many at once. */
  static final int BROADCASTS_PER_SECOND = 2;
  static final int BROADCAST_BURST = 8;

  private final Rooms rooms;
  private final java.time.Clock clock;
  private final ReactionBudget broadcasts = new ReactionBudget(BROADCASTS_PER_SECOND, BROADCAST_BURST);

  E2eeRelay(Rooms rooms, java.time.Clock clock) {
    this.rooms = rooms;
    this.clock = clock;
  }

  Future<?> handle(Connection conn, JsonObject msg) {
    if (!conn.e2ee) {
      throw new SignalingError("e2ee-off", "this meeting is not end-to-end encrypted: there are no keys to exchange");
    }
    String payload = Messages.str(msg, "payload", MAX_PAYLOAD, true);
    if (payload.isEmpty()) {
      throw new SignalingError("bad-message", "'payload' must not be empty");
    }
    JsonObject out = new JsonObject().put("type", "e2ee").put("from", conn.participantId()).put("payload", payload);
    if (msg.getValue("to") == null) {
      if (!broadcasts.tryTake(conn.meetingId() + '/' + conn.participantId(), clock.millis())) {
        throw new SignalingError("rate-limited", "too many meeting-wide key messages; address them to one participant");
      }
      rooms.broadcast(conn.meetingId(), out, conn);
      return Future.succeededFuture();
    }
    String to = Messages.participant(msg, "to").value();
    Connection target = rooms.connection(conn.meetingId(), to);
    if (to.equals(conn.participantId()) || target == null || !target.active()) {
      throw new SignalingError("no-such-participant", "'to' must name another participant connected to this meeting");
    }
    target.send(out.put("to", to));
    return Future.succeededFuture();
  }

  /** The meeting has no connection on this node any more. */
  void forget(String meetingId) {
    broadcasts.forgetPrefix(meetingId + '/');
  }
}
