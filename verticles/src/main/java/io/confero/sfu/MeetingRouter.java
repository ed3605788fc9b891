package io.confero.sfu;

import io.confero.codecs.sfu.SfuEvent;
import io.confero.codecs.sfu.SfuRequest;
import io.confero.codecs.sfu.SubscribedTrack;
import io.confero.codecs.sfu.TrackInfo;
import io.confero.media.sdp.Fingerprint;
import io.confero.media.sdp.MediaCapabilities;
import io.confero.media.sdp.MediaDescription;
import io.confero.media.sdp.OutgoingTrack;
import io.confero.media.sdp.PublishAnswer;
import io.confero.media.sdp.PublishAnswerer;
import io.confero.media.sdp.PublishedTrack;
import io.confero.media.sdp.SdpNegotiationException;
import io.confero.media.sdp.SdpParseException;
import io.confero.media.sdp.SdpParser;
import io.confero.media.sdp.SessionDescription;
import io.confero.media.sdp.SubscribeAnswer;
import io.confero.media.sdp.SubscribeAnswerParser;
import io.confero.media.sdp.SubscribeOffer;
import io.confero.media.sdp.SubscribeOfferer;
import io.confero.media.sdp.SubscribeState;
import io.confero.sfu.dtls.DtlsRole;
import io.confero.sfu.forward.ActiveSpeakerDetector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A meeting's media on one SFU worker (mediasoup's Router): the participants' transports, their
 * producers, and one consumer per (subscriber, producer). Negotiation lives here; the per-packet
 * path lives in {@link RtpRelay}. Runs on the worker's event loop only.
 */
final class MeetingRouter {
  private static final Set<String> SOURCES = Set.of("microphone", "camera", "screen");

  private final String meetingId;
  private final WorkerEnv env;
  private final Map<String, Peer> peers = new LinkedHashMap<>();
  private final Map<Integer, Producer> producersBySsrc = new HashMap<>();
  /** Producers by their publisher's RTX SSRC (RFC 4588): retransmissions we asked for come there. */
  private final Map<Integer, Producer> producersByRtxSsrc = new HashMap<>();
  private final PublishAnswerer answerer = new PublishAnswerer(MediaCapabilities.defaults());
  private final RtpRelay relay;
  private final ActiveSpeakerDetector speakers = new ActiveSpeakerDetector();

  MeetingRouter(String meetingId, WorkerEnv env) {
    this.meetingId = meetingId;
    this.env = env;
    this.relay = new RtpRelay(producersBySsrc, producersByRtxSsrc, env);
  }

  boolean isEmpty() {
    return peers.isEmpty();
  }

  private Peer peer(String participantId) {
    return peers.computeIfAbsent(participantId, Peer::new);
  }

  /**
   * Answers a publish offer; producers appear for new m-sections and go for rejected/stopped ones
   * (the request's refused mids included).
   */
  SfuRequest.PublishAnswer publish(SfuRequest.Publish req) throws SdpParseException, SdpNegotiationException {
    SessionDescription offer = SdpParser.parse(req.offerSdp());
    String fingerprint = sha256Fingerprint(offer);
    Peer peer = peer(req.participantId());
    if (peer.publisher == null) {
      peer.publisher = env.newTransport(peer.participantId, true, listener(peer));
    }
    PublishAnswer answer = answerer.answer(offer, env.local(peer.publisher), Integer.toUnsignedLong(env.randomInt()),
        ++peer.publishVersion, Set.copyOf(req.refusedMids()));
    peer.publisher.startDtls(DtlsRole.SERVER, fingerprint);
    Map<String, PublishedTrack> accepted = new LinkedHashMap<>();
    answer.tracks().forEach(t -> accepted.put(t.mid(), t));
    List<TrackInfo> removed = new ArrayList<>();
    for (Producer p : List.copyOf(peer.producersByMid.values())) {
      if (!accepted.containsKey(p.mid())) {
        removed.add(p.info());
        closeProducer(p);
      }
    }
    List<TrackInfo> tracks = new ArrayList<>();
    for (PublishedTrack t : accepted.values()) {
      Producer p = peer.producersByMid.get(t.mid());
      if (p == null) {
        String source = req.sources().getOrDefault(t.mid(), t.kind().name().equals("AUDIO") ? "microphone" : "camera");
        p = new Producer(peer.participantId.substring(0, 8) + "-" + t.mid() + "-" + Integer.toHexString(env.randomInt()),
            peer, t, SOURCES.contains(source) ? source : "camera");
        peer.producersByMid.put(t.mid(), p);
        if (p.ssrcKnown) {
          producersBySsrc.put(p.ssrc, p);
        }
        if (p.rtxSsrcKnown) {
          producersByRtxSsrc.put(p.rtxSsrc, p);
        }
      } else {
        p.track = t;
      }
      tracks.add(p.info());
    }
    return new SfuRequest.PublishAnswer(answer.sdp(), tracks, removed);
  }

  /** A subscriber offer with a consumer for every other participant's producer; empty when nothing changed. */
  SfuRequest.SubscribeOffer subscribe(String participantId) {
    Peer peer = peer(participantId);
    boolean changed = peer.consumersChanged;
    for (Peer other : peers.values()) {
      if (other == peer) {
        continue;
      }
      for (Producer p : other.producersByMid.values()) {
        if (!peer.consumersByTrack.containsKey(p.trackId)) {
          Consumer c = new Consumer(p, peer, Integer.toString(peer.nextMid++), env.randomInt(),
              env.randomInt() & 0xFFFF, Integer.toUnsignedLong(env.randomInt()), env.randomInt(), env.randomInt());
          peer.consumersByTrack.put(p.trackId, c);
          peer.consumersBySsrc.put(c.outSsrc, c);
          p.consumers.add(c);
          changed = true;
        }
      }
    }
    for (Consumer c : List.copyOf(peer.consumersByTrack.values())) {
      if (c.producer.owner.producersByMid.get(c.producer.mid()) != c.producer || !peers.containsKey(c.producer.owner.participantId)) {
        dropConsumer(c);
        changed = true;
      }
    }
    if (!changed && peer.subscribeState != null) {
      return new SfuRequest.SubscribeOffer("", List.of());
    }
    if (peer.consumersByTrack.isEmpty() && peer.subscribeState == null) {
      return new SfuRequest.SubscribeOffer("", List.of());
    }
    if (peer.subscriber == null) {
      peer.subscriber = env.newTransport(peer.participantId, false, listener(peer));
    }
    List<OutgoingTrack> outgoing = new ArrayList<>();
    List<SubscribedTrack> labels = new ArrayList<>();
    for (Consumer c : peer.consumersByTrack.values()) {
      outgoing.add(c.outgoing());
      labels.add(new SubscribedTrack(c.mid, c.producer.info()));
    }
    SubscribeState state = peer.subscribeState != null ? peer.subscribeState
        : SubscribeState.initial(Integer.toUnsignedLong(env.randomInt()));
    SubscribeOffer offer = new SubscribeOfferer(env.local(peer.subscriber)).offer(state, outgoing);
    peer.subscribeState = offer.state();
    peer.consumersChanged = false;
    peer.lastSubscribeOffer = offer.offer();
    return new SfuRequest.SubscribeOffer(offer.sdp(), labels);
  }

  /** Applies the browser's answer to our last subscriber offer; starts DTLS on the first one. */
  void subscribeAnswer(String participantId, String sdp) throws SdpParseException, SdpNegotiationException {
    Peer peer = peers.get(participantId);
    if (peer == null || peer.lastSubscribeOffer == null || peer.subscriber == null) {
      throw new SdpNegotiationException("no subscriber offer is outstanding");
    }
    SubscribeAnswer answer = SubscribeAnswerParser.parse(peer.lastSubscribeOffer, sdp);
    String fp = answer.sha256().map(Fingerprint::value)
        .orElseThrow(() -> new SdpNegotiationException("answer has no sha-256 fingerprint"));
    for (Consumer c : peer.consumersByTrack.values()) {
      c.rtxNegotiated = c.rtxPt >= 0 && answer.section(c.mid)
          .filter(s -> s.accepted() && s.payloadTypes().contains(c.rtxPt)).isPresent();
    }
    peer.subscriber.startDtls(answer.weAreDtlsServer() ? DtlsRole.SERVER : DtlsRole.CLIENT, fp);
  }

  /** The consumer that feeds {@code trackId} to {@code subscriberId}, or null. */
  Consumer consumer(String subscriberId, String trackId) {
    Peer peer = peers.get(subscriberId);
    return peer == null ? null : peer.consumersByTrack.get(trackId);
  }

  /** Stops (or resumes) forwarding a participant's tracks of one kind. */
  List<TrackInfo> setMuted(String participantId, String kind, boolean muted) {
    Peer peer = peers.get(participantId);
    List<TrackInfo> changed = new ArrayList<>();
    if (peer == null) {
      return changed;
    }
    for (Producer p : peer.producersByMid.values()) {
      if ((p.isVideo() ? "video" : "audio").equals(kind) && !p.source.equals("screen") && p.muted != muted) {
        p.muted = muted;
        changed.add(p.info());
        if (!muted) {
          relay.requestKeyframe(p, env.nowMillis());
        }
      }
    }
    return changed;
  }

  /**
   * Stops or resumes forwarding one track to one subscriber that does not show it; resuming video
   * waits for a keyframe, which is requested at once.
   */
  void setTrackPaused(String subscriberId, String trackId, boolean paused) {
    Peer peer = peers.get(subscriberId);
    Consumer c = peer == null ? null : peer.consumersByTrack.get(trackId);
    if (c == null || c.pausedByReceiver == paused) {
      return;
    }
    c.pausedByReceiver = paused;
    if (paused) {
      c.forwarder.pause();
    } else {
      relay.requestKeyframe(c.producer, env.nowMillis());
    }
  }

  /** Frees everything a participant had. */
  void leave(String participantId) {
    Peer peer = peers.remove(participantId);
    if (peer == null) {
      return;
    }
    List.copyOf(peer.producersByMid.values()).forEach(this::closeProducer);
    List.copyOf(peer.consumersByTrack.values()).forEach(this::dropConsumer);
    if (peer.publisher != null) {
      env.release(peer.publisher);
    }
    if (peer.subscriber != null) {
      env.release(peer.subscriber);
    }
  }

  private void closeProducer(Producer p) {
    p.owner.producersByMid.remove(p.mid());
    if (p.ssrcKnown) {
      producersBySsrc.remove(p.ssrc, p);
    }
    if (p.rtxSsrcKnown) {
      producersByRtxSsrc.remove(p.rtxSsrc, p);
    }
    for (Consumer c : List.copyOf(p.consumers)) {
      dropConsumer(c);
    }
  }

  private void dropConsumer(Consumer c) {
    c.subscriber.consumersChanged = true;
    c.producer.consumers.remove(c);
    c.subscriber.consumersByTrack.remove(c.producer.trackId, c);
    c.subscriber.consumersBySsrc.remove(c.outSsrc, c);
    WebRtcTransport t = c.subscriber.subscriber;
    if (t != null) {
      t.forgetOutboundSsrc(c.outSsrc);
      if (c.rtxSsrc >= 0) {
        t.forgetOutboundSsrc((int) c.rtxSsrc);
      }
    }
  }

  /** How often publishers get a receiver report (RFC 3550 §6.2 allows this much for 5 % of 50 kbps). */
  static final long RECEIVER_REPORT_MILLIS = 1000;

  /**
   * At most every {@link ActiveSpeakerDetector#INTERVAL_MILLIS}: the loudest unmuted microphone of
   * each participant goes to the detector; a new active speaker is published to signaling.
   */
  private void detectActiveSpeaker(long nowMillis) {
    if (!speakers.due(nowMillis)) {
      return;
    }
    Map<String, Integer> loudness = new HashMap<>();
    for (Peer peer : peers.values()) {
      for (Producer p : peer.producersByMid.values()) {
        if (!p.isVideo() && !p.muted) {
          loudness.merge(peer.participantId, p.level.loudness(nowMillis), Math::max);
        }
      }
    }
    String speaker = speakers.decide(loudness, nowMillis);
    if (speaker != null) {
      env.emit(new SfuEvent.ActiveSpeaker(meetingId, speaker));
    }
  }

  /**
   * Periodic work: congestion feedback, NACK retries and receiver reports to publishers, consent
   * freshness of every transport, the active speaker.
   */
  void tick(long nowMillis, boolean checkConsent) {
    detectActiveSpeaker(nowMillis);
    for (Peer p : List.copyOf(peers.values())) {
      relay.flushTwcc(p);
      relay.sendDueNacks(p, nowMillis);
      if (nowMillis - p.lastReceiverReportMillis >= RECEIVER_REPORT_MILLIS) {
        p.lastReceiverReportMillis = nowMillis;
        relay.sendReceiverReport(p, nowMillis * 1_000_000L);
      }
      if (checkConsent && ((p.publisher != null && p.publisher.isConnected() && p.publisher.consentExpired(nowMillis))
          || (p.subscriber != null && p.subscriber.isConnected() && p.subscriber.consentExpired(nowMillis)))) {
        env.emit(new SfuEvent.TransportDown(meetingId, p.participantId, "ice consent expired"));
        leave(p.participantId);
      }
    }
  }

  private WebRtcTransport.Listener listener(Peer peer) {
    return new WebRtcTransport.Listener() {
      @Override
      public void onRtp(WebRtcTransport t, byte[] buf, int len, long nowNanos) {
        if (t.isPublisher()) {
          relay.onRtp(peer, buf, len, nowNanos);
        }
      }

      @Override
      public void onRtcp(WebRtcTransport t, byte[] buf, int len, long nowNanos) {
        if (t.isPublisher()) {
          relay.onPublisherRtcp(peer, buf, len, nowNanos);
        } else {
          relay.onSubscriberRtcp(peer, buf, len, nowNanos / 1_000_000);
        }
      }

      @Override
      public void onConnected(WebRtcTransport t) {
        if (t.isPublisher()) {
          env.emit(new SfuEvent.TransportUp(meetingId, peer.participantId));
        } else {
          peer.consumersByTrack.values().forEach(c -> relay.requestKeyframe(c.producer, env.nowMillis()));
        }
      }

      @Override
      public void onDown(WebRtcTransport t, String reason) {
        if (peers.get(peer.participantId) == peer) {
          env.emit(new SfuEvent.TransportDown(meetingId, peer.participantId, reason));
          leave(peer.participantId);
        }
      }
    };
  }

  private static String sha256Fingerprint(SessionDescription offer) throws SdpNegotiationException {
    for (Fingerprint f : offer.fingerprints()) {
      if (f.hashFunction().equalsIgnoreCase("sha-256")) {
        return f.value();
      }
    }
    for (MediaDescription m : offer.media()) {
      for (Fingerprint f : m.fingerprints()) {
        if (f.hashFunction().equalsIgnoreCase("sha-256")) {
          return f.value();
        }
      }
    }
    throw new SdpNegotiationException("offer has no sha-256 fingerprint (RFC 8122)");
  }
}
