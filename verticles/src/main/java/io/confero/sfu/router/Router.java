package io.confero.sfu.router;

import io.confero.codecs.sfu.SfuEvent;
import io.confero.codecs.sfu.SfuRequest;
import io.confero.codecs.sfu.TrackInfo;
import io.confero.media.sdp.MediaCapabilities;
import io.confero.media.sdp.MediaKind;
import io.confero.media.sdp.PublishAnswer;
import io.confero.media.sdp.PublishAnswerer;
import io.confero.media.sdp.PublishedTrack;
import io.confero.media.sdp.SdpNegotiationException;
import io.confero.media.sdp.SdpParseException;
import io.confero.media.sdp.SdpParser;
import io.confero.media.sdp.SessionDescription;
import io.confero.sfu.dtls.DtlsRole;
import io.confero.sfu.media.AudioSlotStream;
import io.confero.sfu.media.Consumer;
import io.confero.sfu.media.Downlink;
import io.confero.sfu.media.Encoding;
import io.confero.sfu.media.Producer;
import io.confero.sfu.media.TrackSource;
import io.confero.sfu.media.Uplink;
import io.confero.sfu.media.WebRtcConsumer;
import io.confero.sfu.transport.WebRtcTransport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A meeting's media on one SFU worker (mediasoup's Router): its participants ({@link Peer}: an
 * {@link Uplink} with the producers, a {@link Downlink} with the consumers), and one consumer per
 * (subscriber, producer). Negotiation and the periodic work live here; the path of one packet
 * lives in {@code sfu.media}. Consumers reach it only through {@link Consumer.Listener}. Runs on
 * the worker's event loop only.
 */
public final class Router implements Consumer.Listener {
  private final String meetingId;
  private final WorkerEnv env;
  private final Map<String, Peer> peers = new LinkedHashMap<>();
  private final PublishAnswerer answerer = new PublishAnswerer(MediaCapabilities.defaults());
  private final MeetingSpeaker speakers = new MeetingSpeaker();
  private final AudioSlotRouting audioSlots;
  private final ConnectionNotices notices;
  private final SubscribeNegotiation negotiation;
  private ProducerTap tap;
  /** Pipes to the node's other workers hosting this meeting (none with one worker). */
  private final RouterPipes pipes;

  /**
   * Something that wants every producer of the meeting as it comes and goes (a recorder): it
   * attaches its own {@link Consumer}s; the router only tells it what happens.
   */
  public interface ProducerTap {
    /** A producer exists (told once for each already there when tapping, then for each new one). */
    void onProducer(Producer producer, Consumer.Listener listener);

    /** A participant's tracks of one kind were muted or unmuted. */
    void onMuted(Producer producer, boolean muted);

    /** The active speaker changed. */
    void onActiveSpeaker(String participantId);
  }

  public Router(String meetingId, WorkerEnv env) {
    this.meetingId = meetingId;
    this.env = env;
    this.pipes = new RouterPipes(meetingId, env.pipes(), env.metrics(), peers, this, () -> tap, env::nowMillis);
    this.audioSlots = new AudioSlotRouting(meetingId, env.audioSlots(), env);
    this.notices = new ConnectionNotices(meetingId, env);
    this.negotiation = new SubscribeNegotiation(env, audioSlots);
  }

  /** This meeting's pipes to the node's other workers (greeting, readiness, messages from them). */
  public RouterPipes pipes() {
    return pipes;
  }

  public boolean isEmpty() {
    return peers.isEmpty();
  }

  /** Participants on this worker (not those of the meeting on other workers). */
  public int participantCount() {
    return peers.size();
  }

  /** Starts ({@code t} not null) or stops telling {@code t} of every producer; the tap closes its own consumers. */
  public void tap(ProducerTap t) {
    tap = t;
    if (t != null) {
      peers.values().forEach(peer -> peer.producers().forEach(p -> t.onProducer(p, this)));
      pipes.proxies().forEach(p -> t.onProducer(p, this));
    }
  }

  private Peer peer(String participantId) {
    return peers.computeIfAbsent(participantId, id -> new Peer(id, new Downlink(env.metrics(), env)));
  }

  /**
   * Answers a publish offer; producers appear for new m-sections and go for rejected/stopped ones
   * (the request's refused mids included).
   */
  public SfuRequest.PublishAnswer publish(SfuRequest.Publish req) throws SdpParseException, SdpNegotiationException {
    SessionDescription offer = SdpParser.parse(req.offerSdp());
    String fingerprint = Fingerprints.sha256(offer);
    Peer peer = peer(req.participantId());
    if (peer.uplink == null) {
      peer.uplink = new Uplink(env.newTransport(peer.participantId, true, listener(peer)), env.metrics());
    }
    WebRtcTransport transport = peer.uplink.transport();
    PublishAnswer answer = answerer.answer(offer, env.local(transport), Integer.toUnsignedLong(env.randomInt()),
        ++peer.publishVersion, Set.copyOf(req.refusedMids()));
    transport.startDtls(DtlsRole.SERVER, fingerprint);
    Map<String, PublishedTrack> accepted = new LinkedHashMap<>();
    answer.tracks().forEach(t -> accepted.put(t.mid(), t));
    List<TrackInfo> removed = new ArrayList<>();
    for (Producer p : List.copyOf(peer.producers())) {
      if (!accepted.containsKey(p.mid())) {
        removed.add(info(p));
        closeProducer(peer, p);
      }
    }
    List<TrackInfo> tracks = new ArrayList<>();
    for (PublishedTrack t : accepted.values()) {
      Producer p = peer.uplink.producer(t.mid());
      if (p == null) {
        TrackSource source = TrackSource.fromWire(req.sources().get(t.mid()), t.kind());
        p = new Producer(peer.participantId.substring(0, 8) + "-" + t.mid() + "-" + Integer.toHexString(env.randomInt()),
            peer.participantId, t, source);
        peer.uplink.add(p);
        if (tap != null) {
          tap.onProducer(p, this);
        }
        pipes.producerOpened(p);
      } else {
        p.update(t);
        pipes.producerUpdated(p);
      }
      tracks.add(info(p));
    }
    return new SfuRequest.PublishAnswer(answer.sdp(), tracks, removed);
  }

  /** A subscriber offer with a consumer for every other participant's producer; empty when nothing changed. */
  public SfuRequest.SubscribeOffer subscribe(String participantId) {
    Peer peer = peer(participantId);
    boolean slotted = audioSlots.appliesTo(peers.size() + pipes.remoteParticipants());
    boolean changed = audioSlots.sync(peer, slotted, meetingProducers(), c -> dropConsumer(peer, c))
        | addMissingConsumers(peer, slotted) | peer.consumersChanged;
    for (WebRtcConsumer c : List.copyOf(peer.consumersByTrack.values())) {
      boolean gone = !peers.containsKey(c.producer().participantId()) && !pipes.isProxy(c.producer());
      if (c.producer().isClosed() || gone) {
        dropConsumer(peer, c);
        changed = true;
      }
    }
    if (!changed && peer.subscribeState != null) {
      return new SfuRequest.SubscribeOffer("", List.of());
    }
    List<AudioSlotStream> slots = slotted ? audioSlots.streams(peer, meetingProducers()) : List.of();
    if (peer.consumersByTrack.isEmpty() && slots.isEmpty() && peer.subscribeState == null) {
      return new SfuRequest.SubscribeOffer("", List.of());
    }
    if (peer.downlink.transport() == null) {
      peer.downlink.attach(env.newTransport(peer.participantId, false, listener(peer)));
    }
    return negotiation.offer(peer, slots);
  }

  /** A consumer for each other participant's producer that {@code peer} does not receive yet; true if any. */
  private boolean addMissingConsumers(Peer peer, boolean slotted) {
    boolean added = false;
    for (Producer p : meetingProducers()) {
      if (slotted && p.kind() == MediaKind.AUDIO) {
        continue; // heard through the audio slots
      }
      if (!peer.consumersByTrack.containsKey(p.trackId()) && !p.participantId().equals(peer.participantId)) {
        WebRtcConsumer c = new WebRtcConsumer(p, peer.downlink, this, env.metrics(), Integer.toString(peer.nextMid++),
            peer.payloadTypes.assign(p.primaryCodec()),
            new WebRtcConsumer.StreamIds(env.randomInt(), env.randomInt(), Integer.toUnsignedLong(env.randomInt()),
                env.randomInt(), env.randomInt()));
        peer.consumersByTrack.put(p.trackId(), c);
        p.addConsumer(c);
        added = true;
      }
    }
    return added;
  }

  /** Every producer of the meeting this router sees: its participants' and the proxies of other workers' ones. */
  private List<Producer> meetingProducers() {
    List<Producer> all = new ArrayList<>();
    peers.values().forEach(peer -> all.addAll(peer.producers()));
    all.addAll(pipes.proxies());
    return all;
  }

  /** Applies the browser's answer to our last subscriber offer; starts DTLS on the first one. */
  public void subscribeAnswer(String participantId, String sdp) throws SdpParseException, SdpNegotiationException {
    negotiation.answer(peers.get(participantId), sdp);
  }

  /** The consumer that feeds {@code trackId} to {@code subscriberId}, or null. */
  public WebRtcConsumer consumer(String subscriberId, String trackId) {
    Peer peer = peers.get(subscriberId);
    return peer == null ? null : peer.consumersByTrack.get(trackId);
  }

  /** A participant's producers (empty for one not here or not publishing); for tests and taps. */
  List<Producer> producers(String participantId) {
    Peer peer = peers.get(participantId);
    return peer == null ? List.of() : List.copyOf(peer.producers());
  }

  /** Stops (or resumes) forwarding a participant's tracks of one kind; screen shares are not muted. */
  public List<TrackInfo> setMuted(String participantId, MediaKind kind, boolean muted) {
    Peer peer = peers.get(participantId);
    List<TrackInfo> changed = new ArrayList<>();
    if (peer == null) {
      return changed;
    }
    for (Producer p : peer.producers()) {
      if (p.kind() == kind && p.source() != TrackSource.SCREEN && p.isMuted() != muted) {
        p.setMuted(muted);
        changed.add(info(p));
        if (tap != null) {
          tap.onMuted(p, muted);
        }
        pipes.producerMuted(p);
        if (!muted) {
          p.encodings().forEach(e -> peer.uplink.requestKeyframe(e, env.nowMillis()));
        }
      }
    }
    return changed;
  }

  /**
   * Stops or resumes forwarding one track to one subscriber that does not show it; resuming video
   * waits for a keyframe, which is requested at once.
   */
  public void setTrackPaused(String subscriberId, String trackId, boolean paused) {
    WebRtcConsumer c = consumer(subscriberId, trackId);
    if (c != null) {
      c.setPausedByReceiver(paused);
    }
  }

  /**
   * One subscriber shows one track {@code height} device pixels high: 0 pauses it, otherwise the
   * height picks the simulcast layer it gets.
   */
  public void setTrackHeight(String subscriberId, String trackId, int height) {
    WebRtcConsumer c = consumer(subscriberId, trackId);
    if (c != null) {
      c.setTileHeight(height);
    }
  }

  /** A consumer needs a keyframe: the encoding's publisher is asked (throttled per encoding). */
  @Override
  public void onKeyframeNeeded(Consumer consumer, Encoding encoding) {
    if (pipes.isProxy(encoding.producer())) {
      pipes.requestKeyframe(encoding);
      return;
    }
    Peer owner = peers.get(encoding.producer().participantId());
    if (owner != null && owner.uplink != null && !encoding.producer().isClosed()) {
      owner.uplink.requestKeyframe(encoding, env.nowMillis());
    }
  }

  /** Closes every producer of a participant that may no longer publish; the closed tracks. */
  public List<TrackInfo> unpublish(String participantId) {
    Peer peer = peers.get(participantId);
    if (peer == null) {
      return List.of();
    }
    List<TrackInfo> removed = new ArrayList<>();
    for (Producer p : List.copyOf(peer.producers())) {
      removed.add(info(p));
      closeProducer(peer, p);
    }
    return removed;
  }

  /** Frees everything a participant had. */
  public void leave(String participantId) {
    Peer peer = peers.remove(participantId);
    if (peer == null) {
      return;
    }
    List.copyOf(peer.producers()).forEach(p -> closeProducer(peer, p));
    List.copyOf(peer.consumersByTrack.values()).forEach(c -> dropConsumer(peer, c));
    audioSlots.drop(participantId);
    if (peer.uplink != null) {
      env.release(peer.uplink.transport());
    }
    if (peer.downlink.transport() != null) {
      env.release(peer.downlink.transport());
    }
  }

  /** Ends a producer: every consumer of it is closed, whatever kind it is; subscribers renegotiate. */
  private void closeProducer(Peer owner, Producer p) {
    owner.uplink.remove(p);
    p.markClosed();
    pipes.producerClosed(p);
    for (Consumer c : List.copyOf(p.consumers())) {
      p.removeConsumer(c);
      c.close();
    }
    for (Peer peer : peers.values()) {
      if (peer.consumersByTrack.remove(p.trackId()) != null) {
        peer.consumersChanged = true;
      }
    }
  }

  private void dropConsumer(Peer subscriber, WebRtcConsumer c) {
    subscriber.consumersChanged = true;
    subscriber.consumersByTrack.remove(c.producer().trackId(), c);
    c.producer().removeConsumer(c);
    c.close();
  }

  /** A new active speaker (decided at most every detector interval) is published to signaling. */
  private void detectActiveSpeaker(long nowMillis) {
    String speaker = speakers.decide(peers.values(), pipes.proxies(), nowMillis);
    // every worker of the meeting decides alike; the lowest-numbered one speaks for it
    if (speaker != null && pipes.leads()) {
      env.emit(new SfuEvent.ActiveSpeaker(meetingId, speaker));
      if (tap != null) {
        tap.onActiveSpeaker(speaker);
      }
    }
  }

  /**
   * Periodic work: congestion feedback, NACK retries and receiver reports to publishers, consent
   * freshness of every transport, the active speaker.
   */
  public void tick(long nowMillis, boolean checkConsent) {
    detectActiveSpeaker(nowMillis);
    pipes.tick();
    audioSlots.tick(nowMillis, meetingProducers(), speakers.current());
    notices.tick(nowMillis, peers.values());
    for (Peer p : List.copyOf(peers.values())) {
      WebRtcTransport pub = p.uplink == null ? null : p.uplink.transport();
      if (p.uplink != null) {
        p.uplink.tick(nowMillis);
        DynacastNotifier.notify(env, meetingId, p.participantId, p.uplink.producers(), nowMillis * 1_000_000L);
      }
      p.downlink.tick();
      if (checkConsent && (consentExpired(pub, nowMillis) || consentExpired(p.downlink.transport(), nowMillis))) {
        env.emit(new SfuEvent.TransportDown(meetingId, p.participantId, "ice consent expired"));
        leave(p.participantId);
      }
    }
  }

  private static boolean consentExpired(WebRtcTransport t, long nowMillis) {
    return t != null && t.isConnected() && t.consentExpired(nowMillis);
  }

  private WebRtcTransport.Listener listener(Peer peer) {
    return new PeerTransportListener(peer, meetingId, env, () -> peers.get(peer.participantId) == peer, this::leave);
  }

  /** The event-bus description of a producer: kinds and sources in their wire spelling. */
  static TrackInfo info(Producer p) {
    return new TrackInfo(p.trackId(), p.participantId(), p.kind().token(), p.source().wire(), p.isMuted());
  }
}
