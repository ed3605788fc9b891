package io.confero.signaling;

import io.confero.codecs.sfu.SfuRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The subscriber peer connection's offer/answer: the server offers whenever the tracks a
 * participant should receive change, one offer at a time ({@link Connection.Negotiation}); a change
 * while an offer is out is owed and offered once that one is answered.
 */
final class Subscriptions {
  static final int MAX_SDP = 60 * 1024;

  private final SfuClient sfu;
  private final Rooms rooms;
  private final Failures failures;

  Subscriptions(SfuClient sfu, Rooms rooms, Failures failures) {
    this.sfu = sfu;
    this.rooms = rooms;
    this.failures = failures;
  }

  /** Renegotiates the subscriber connection of every participant of a meeting but {@code except}. */
  void renegotiateAll(String meetingId, Connection except) {
    rooms.connections(meetingId).stream().filter(x -> x != except && x.inMeeting()).forEach(this::renegotiate);
  }

  /** Sends a fresh subscriber offer, or marks one as needed when an offer is already out. */
  void renegotiate(Connection conn) {
    if (conn.closed()) {
      return;
    }
    if (conn.negotiation != Connection.Negotiation.IDLE) {
      conn.negotiation = Connection.Negotiation.IN_FLIGHT_DIRTY;
      return;
    }
    conn.negotiation = Connection.Negotiation.IN_FLIGHT;
    sfu.<SfuRequest.SubscribeOffer>request(new SfuRequest.Subscribe(conn.meetingId(), conn.participantId()))
        .onSuccess(offer -> {
          if (offer.offerSdp().isEmpty()) {
            settled(conn);
            return;
          }
          JsonArray labels = new JsonArray();
          offer.tracks().forEach(t -> labels.add(new JsonObject().put("mid", t.mid())
              .put("track", Connection.trackJson(t.track()))));
          conn.send(new JsonObject().put("type", "subscribe_offer").put("sdp", offer.offerSdp()).put("tracks", labels));
        })
        .onFailure(e -> {
          conn.negotiation = Connection.Negotiation.IDLE;
          failures.report(conn, e, null);
        });
  }

  /** {@code subscribe_answer}: the browser's answer to the offer that is out. */
  Future<?> answer(Connection conn, JsonObject msg) {
    String sdp = Messages.str(msg, "sdp", MAX_SDP, true);
    if (conn.negotiation == Connection.Negotiation.IDLE) {
      throw new SignalingError("bad-message", "no subscribe_offer is waiting for an answer");
    }
    return sfu.request(new SfuRequest.SubscribeAnswer(conn.meetingId(), conn.participantId(), sdp))
        .onComplete(ar -> settled(conn));
  }

  /** The offer out is done with: offers again when the tracks changed meanwhile. */
  private void settled(Connection conn) {
    boolean dirty = conn.negotiation == Connection.Negotiation.IN_FLIGHT_DIRTY;
    conn.negotiation = Connection.Negotiation.IDLE;
    if (dirty) {
      renegotiate(conn);
    }
  }
}
