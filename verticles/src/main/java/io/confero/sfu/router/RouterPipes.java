package io.confero.sfu.router;

import io.confero.sfu.media.Consumer;
import io.confero.sfu.media.Encoding;
import io.confero.sfu.media.PipeIngress;
import io.confero.sfu.media.Producer;
import io.confero.sfu.metrics.DropReason;
import io.confero.sfu.metrics.SfuMetrics;
import io.confero.sfu.pipe.PipeConsumer;
import io.confero.sfu.pipe.PipeMessage;
import io.confero.sfu.pipe.PipeNet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A meeting router's pipes to the node's other workers that host the same meeting (mediasoup's
 * {@code pipeToRouter}): each local producer crosses once to each of them through a
 * {@link PipeConsumer}, and each of theirs appears here as a proxy {@link Producer} that local
 * subscribers consume like any other. Keyframe requests and needed layers go back upstream. When
 * the router comes up it greets every other worker and holds its first requests until each has
 * answered, so a new participant's first subscriber offer already has the far producers. Runs on
 * the router's worker loop only.
 */
public final class RouterPipes {
  private final String meetingId;
  private final PipeNet net;
  private final SfuMetrics metrics;
  private final Map<String, Peer> peers;
  private final Consumer.Listener listener;
  private final Supplier<Router.ProducerTap> tap;
  private final LongSupplier nowMillis;
  /** Other workers hosting the meeting. */
  private final TreeSet<Integer> remotes = new TreeSet<>();
  /** Local producers' pipes: track id → target worker → pipe. */
  private final Map<String, Map<Integer, PipeConsumer>> outgoing = new HashMap<>();
  /** Proxies of other workers' producers by track id, with their source worker and last reported layers. */
  private final Map<String, Producer> proxies = new LinkedHashMap<>();
  private final Map<String, Integer> proxySource = new HashMap<>();
  private final Map<String, Integer> reportedLayers = new HashMap<>();
  private int acksPending;
  private final List<Runnable> waiting = new ArrayList<>();

  RouterPipes(String meetingId, PipeNet net, SfuMetrics metrics, Map<String, Peer> peers, Consumer.Listener listener,
      Supplier<Router.ProducerTap> tap, LongSupplier nowMillis) {
    this.meetingId = meetingId;
    this.net = net;
    this.metrics = metrics;
    this.peers = peers;
    this.listener = listener;
    this.tap = tap;
    this.nowMillis = nowMillis;
  }

  /** The router is new on this worker: every other worker is asked whether it hosts the meeting. */
  public void announce() {
    for (int w = 0; w < net.workers(); w++) {
      if (w != net.self() && net.post(w, new PipeMessage.Hello(meetingId, net.self()))) {
        acksPending++;
      }
    }
  }

  /**
   * Greets one more worker (one of another node hosting the meeting, found in the cluster's meeting
   * state): requests wait for its answer too.
   */
  public void greet(int worker) {
    if (net.post(worker, new PipeMessage.Hello(meetingId, net.self()))) {
      acksPending++;
    }
  }

  /** Holds requests until {@link #release()} (while the workers of other nodes are looked up). */
  public void hold() {
    acksPending++;
  }

  /** Ends a {@link #hold()}. */
  public void release() {
    onHelloAck(new PipeMessage.HelloAck(meetingId, net.self(), false));
  }

  /** Runs {@code r} now if every greeted worker answered, else once they have. */
  public void whenReady(Runnable r) {
    if (acksPending == 0) {
      r.run();
    } else {
      waiting.add(r);
    }
  }

  public boolean ready() {
    return acksPending == 0;
  }

  Collection<Producer> proxies() {
    return proxies.values();
  }

  boolean isProxy(Producer p) {
    return proxies.get(p.trackId()) == p;
  }

  /** Whether this worker speaks for the meeting where one voice is wanted (the lowest index hosting it). */
  boolean leads() {
    return remotes.isEmpty() || remotes.first() > net.self();
  }

  /** Participants of the meeting whose producers come from other workers. */
  int remoteParticipants() {
    return (int) proxies.values().stream().map(Producer::participantId).distinct().count();
  }

  /** Workers this meeting is piped to. */
  public int remoteCount() {
    return remotes.size();
  }

  /** A local producer appeared: it crosses to every worker hosting the meeting. */
  void producerOpened(Producer p) {
    remotes.forEach(w -> pipe(p, w));
  }

  private void pipe(Producer p, int to) {
    Map<Integer, PipeConsumer> byTarget = outgoing.computeIfAbsent(p.trackId(), k -> new HashMap<>());
    if (byTarget.containsKey(to)) {
      return;
    }
    net.post(to, new PipeMessage.ProducerOpened(meetingId, net.self(), p.trackId(), p.participantId(), p.track(),
        p.source(), p.isMuted()));
    PipeConsumer c = new PipeConsumer(meetingId, p, to, net, metrics);
    byTarget.put(to, c);
    p.addConsumer(c);
  }

  void producerUpdated(Producer p) {
    outgoing.getOrDefault(p.trackId(), Map.of()).keySet()
        .forEach(w -> net.post(w, new PipeMessage.ProducerUpdated(meetingId, p.trackId(), p.track())));
  }

  void producerMuted(Producer p) {
    outgoing.getOrDefault(p.trackId(), Map.of()).keySet()
        .forEach(w -> net.post(w, new PipeMessage.ProducerMuted(meetingId, p.trackId(), p.isMuted())));
  }

  /** A local producer ended; its pipes were closed with its other consumers. */
  void producerClosed(Producer p) {
    outgoing.remove(p.trackId());
  }

  /** A local subscriber needs a keyframe of a proxy's encoding: the source worker asks the publisher. */
  void requestKeyframe(Encoding e) {
    Integer from = proxySource.get(e.producer().trackId());
    if (from != null) {
      net.post(from, new PipeMessage.KeyframeRequest(meetingId, net.self(), e.producer().trackId(), e.index()));
    }
  }

  /** Periodic: each simulcast proxy's needed layers go upstream when they change (dynacast across the pipe). */
  void tick() {
    for (Producer p : proxies.values()) {
      if (!p.isVideo() || !p.isSimulcast()) {
        continue;
      }
      int mask = 0;
      for (Consumer c : p.consumers()) {
        mask = c.neededLayers(mask);
      }
      Integer last = reportedLayers.put(p.trackId(), mask);
      if (last == null || last != mask) {
        net.post(proxySource.get(p.trackId()), new PipeMessage.NeededLayers(meetingId, net.self(), p.trackId(), mask));
      }
    }
  }

  /** The router leaves this worker (no participant here any more): the other workers stop piping to it. */
  public void close() {
    remotes.forEach(w -> net.post(w, new PipeMessage.Bye(meetingId, net.self())));
    remotes.clear();
    List.copyOf(proxies.values()).forEach(this::closeProxy);
  }

  /** One message from another worker about this meeting. */
  public void onMessage(PipeMessage m) {
    if (m instanceof PipeMessage.Packet p) {
      onPacket(p);
    } else if (m instanceof PipeMessage.SenderReport s) {
      Producer proxy = proxies.get(s.trackId());
      if (proxy != null) {
        PipeIngress.senderReport(proxy, s.encoding(), s.sr());
      }
    } else if (m instanceof PipeMessage.NeededLayers n) {
      PipeConsumer c = outgoing.getOrDefault(n.trackId(), Map.of()).get(n.from());
      if (c != null) {
        c.setNeededLayers(n.mask());
      }
    } else if (m instanceof PipeMessage.KeyframeRequest k) {
      onKeyframeRequest(k);
    } else {
      onControl(m);
    }
  }

  /** Membership and producer life-cycle messages. */
  private void onControl(PipeMessage m) {
    if (m instanceof PipeMessage.Hello h) {
      addRemote(h.from());
      net.post(h.from(), new PipeMessage.HelloAck(meetingId, net.self(), true));
    } else if (m instanceof PipeMessage.HelloAck a) {
      onHelloAck(a);
    } else if (m instanceof PipeMessage.Bye b) {
      onBye(b.from());
    } else if (m instanceof PipeMessage.ProducerOpened o) {
      onProducerOpened(o);
    } else if (m instanceof PipeMessage.ProducerUpdated u) {
      Producer proxy = proxies.get(u.trackId());
      if (proxy != null) {
        proxy.update(u.track());
      }
    } else if (m instanceof PipeMessage.ProducerMuted mu) {
      onProducerMuted(mu);
    } else if (m instanceof PipeMessage.ProducerClosed c) {
      Producer proxy = proxies.get(c.trackId());
      if (proxy != null) {
        closeProxy(proxy);
      }
    }
  }

  private void onPacket(PipeMessage.Packet p) {
    p.handled();
    Producer proxy = proxies.get(p.trackId());
    if (proxy == null || !PipeIngress.deliver(proxy, p.encoding(), p.ssrc(), p.bytes(), p.arrivalNanos(),
        p.audioLevel(), p.keyframe())) {
      metrics.drop(DropReason.PIPE_ORPHAN);
    }
  }

  private void addRemote(int worker) {
    if (remotes.add(worker)) {
      for (Peer peer : peers.values()) {
        peer.producers().forEach(p -> pipe(p, worker));
      }
    }
  }

  private void onHelloAck(PipeMessage.HelloAck a) {
    if (a.hosting()) {
      addRemote(a.from());
    }
    if (acksPending > 0 && --acksPending == 0) {
      List<Runnable> run = List.copyOf(waiting);
      waiting.clear();
      run.forEach(Runnable::run);
    }
  }

  private void onBye(int from) {
    remotes.remove(from);
    for (Map<Integer, PipeConsumer> byTarget : outgoing.values()) {
      PipeConsumer c = byTarget.remove(from);
      if (c != null) {
        c.producer().removeConsumer(c);
        c.close();
      }
    }
    proxySource.entrySet().stream().filter(e -> e.getValue() == from).map(e -> proxies.get(e.getKey())).toList()
        .forEach(this::closeProxy);
  }

  private void onProducerOpened(PipeMessage.ProducerOpened o) {
    Producer old = proxies.get(o.trackId());
    if (old != null) {
      closeProxy(old);
    }
    Producer proxy = PipeIngress.proxy(o.trackId(), o.participantId(), o.track(), o.source(), o.muted());
    proxies.put(o.trackId(), proxy);
    proxySource.put(o.trackId(), o.from());
    Router.ProducerTap t = tap.get();
    if (t != null) {
      t.onProducer(proxy, listener);
    }
  }

  private void onProducerMuted(PipeMessage.ProducerMuted m) {
    Producer proxy = proxies.get(m.trackId());
    if (proxy != null && proxy.isMuted() != m.muted()) {
      proxy.setMuted(m.muted());
      Router.ProducerTap t = tap.get();
      if (t != null) {
        t.onMuted(proxy, m.muted());
      }
    }
  }

  /** A proxy ends: its consumers close and local subscribers renegotiate (as when a local producer ends). */
  private void closeProxy(Producer proxy) {
    proxies.remove(proxy.trackId());
    proxySource.remove(proxy.trackId());
    reportedLayers.remove(proxy.trackId());
    proxy.markClosed();
    for (Consumer c : List.copyOf(proxy.consumers())) {
      proxy.removeConsumer(c);
      c.close();
    }
    for (Peer peer : peers.values()) {
      if (peer.consumersByTrack.remove(proxy.trackId()) != null) {
        peer.consumersChanged = true;
      }
    }
  }

  private void onKeyframeRequest(PipeMessage.KeyframeRequest k) {
    for (Peer peer : peers.values()) {
      for (Producer p : peer.producers()) {
        if (p.trackId().equals(k.trackId()) && k.encoding() >= 0 && k.encoding() < p.encodings().size()
            && !p.isClosed()) {
          peer.uplink.requestKeyframe(p.encodings().get(k.encoding()), nowMillis.getAsLong());
          return;
        }
      }
    }
  }
}
