package io.confero.sfu;

import io.confero.media.sdp.SessionDescription;
import io.confero.media.sdp.SubscribeState;
import io.confero.sfu.forward.TwccRecorder;
import java.util.LinkedHashMap;
import java.util.Map;

/** A participant's media state in one meeting router: two transports, its producers and consumers. */
final class Peer {
  final String participantId;
  WebRtcTransport publisher;
  WebRtcTransport subscriber;
  final Map<String, Producer> producersByMid = new LinkedHashMap<>();
  final Map<String, Consumer> consumersByTrack = new LinkedHashMap<>();
  final Map<Integer, Consumer> consumersBySsrc = new LinkedHashMap<>();
  SubscribeState subscribeState;
  SessionDescription lastSubscribeOffer;
  /** Consumers were removed since the last subscriber offer, so the next one must say so. */
  boolean consumersChanged;
  int nextMid;
  long publishVersion;
  TwccRecorder twcc;
  long lastReceiverReportMillis;

  Peer(String participantId) {
    this.participantId = participantId;
  }
}
