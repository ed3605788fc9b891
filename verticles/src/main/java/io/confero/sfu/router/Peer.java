package io.confero.sfu.router;

import io.confero.media.sdp.PayloadTypeTable;
import io.confero.media.sdp.SessionDescription;
import io.confero.media.sdp.SubscribeState;
import io.confero.sfu.media.Downlink;
import io.confero.sfu.media.Producer;
import io.confero.sfu.media.Uplink;
import io.confero.sfu.media.WebRtcConsumer;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A participant in one meeting router: its send side ({@link Uplink}: publisher transport and
 * producers), its receive side ({@link Downlink}: subscriber transport) with one consumer per
 * other participant's producer, and the state of its subscriber negotiation.
 */
final class Peer {
  final String participantId;
  /** Null until the first publish offer. */
  Uplink uplink;
  final Downlink downlink;
  /** The payload types of this participant's subscriber bundle, one per forwarded codec configuration. */
  final PayloadTypeTable payloadTypes = new PayloadTypeTable();
  final Map<String, WebRtcConsumer> consumersByTrack = new LinkedHashMap<>();
  SubscribeState subscribeState;
  SessionDescription lastSubscribeOffer;
  /** Consumers were removed since the last subscriber offer, so the next one must say so. */
  boolean consumersChanged;
  int nextMid;
  long publishVersion;

  Peer(String participantId, Downlink downlink) {
    this.participantId = participantId;
    this.downlink = downlink;
  }

  Collection<Producer> producers() {
    return uplink == null ? List.of() : uplink.producers();
  }
}
