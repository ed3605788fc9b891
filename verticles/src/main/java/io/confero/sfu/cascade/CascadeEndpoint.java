package io.confero.sfu.cascade;

import io.confero.codecs.Addresses;
import io.confero.media.rtcp.RtcpSr;
import io.confero.media.rtp.Bytes;
import io.confero.media.srtp.SrtpKeys;
import io.confero.sfu.pipe.PipeMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One SFU worker's end of the cascade (a meeting spanning nodes, Jitsi's relays): the workers of
 * other nodes that share a meeting with it appear to its routers as more pipe endpoints, with
 * indices beyond the node's own workers, so a router pipes each of its own producers to them and
 * takes theirs as proxies exactly as between workers of one node — and, as there, only a worker's
 * own producers are ever piped, so a stream crosses from its origin once to each node that hosts
 * the meeting and never further (the rule the test model {@code RelayPlan} states and RelayPlanPropertyTest checks). Control messages go over the clustered event
 * bus ({@link CascadeMessage}); packets, sender reports and keyframe requests over one encrypted
 * UDP {@link CascadeLink} per pair of workers, sent from and received on the worker's own media
 * port. Runs on the worker's loop only.
 */
public final class CascadeEndpoint {
  /** Sends a datagram from the worker's UDP port. */
  public interface Udp {
    void send(byte[] buf, int len, InetSocketAddress to);
  }

  private static final long HELLO_TIMEOUT_MILLIS = 3000;
  /** Link packets are handled at once on arrival: the pipes' in-flight bound does not apply. */
  private final AtomicInteger notCounted = new AtomicInteger();

  private final CascadeMessage.Endpoint self;
  private final int localWorkers;
  private final EventBus bus;
  private final Consumer<PipeMessage> deliver;
  private final Udp udp;
  private final SecureRandom random;
  private final MeterRegistry registry;
  private final Map<CascadeMessage.Endpoint, CascadePeer> byEndpoint = new HashMap<>();
  private final List<CascadePeer> byIndex = new ArrayList<>();
  private final Map<InetSocketAddress, CascadePeer> byAddress = new HashMap<>();
  private final Map<String, Counter> sentByNode = new HashMap<>();
  private final Counter received;
  private final Map<LinkDrop, Counter> drops = new java.util.EnumMap<>(LinkDrop.class);
  private String host;
  private int port;
  private int nextBase;
  private long nowMillis;

  public CascadeEndpoint(CascadeMessage.Endpoint self, int localWorkers, EventBus bus, Consumer<PipeMessage> deliver,
      Udp udp, SecureRandom random, MeterRegistry registry) {
    this.self = self;
    this.localWorkers = localWorkers;
    this.bus = bus;
    this.deliver = deliver;
    this.udp = udp;
    this.random = random;
    this.registry = registry;
    this.received = Counter.builder("confero.sfu.cascade.received").tag("worker", Integer.toString(self.worker()))
        .description("RTP packets received over cascade links from other nodes").register(registry);
    for (LinkDrop reason : LinkDrop.values()) {
      drops.put(reason, Counter.builder("confero.sfu.cascade.drops").tag("worker", Integer.toString(self.worker()))
          .tag("reason", reason.tag()).description("Datagrams and repairs cascade links dropped, by reason")
          .register(registry));
    }
  }

  /** The address other nodes send this worker's link datagrams to (known once the port is bound). */
  public void bound(String host, int port) {
    this.host = host;
    this.port = port;
  }

  public CascadeMessage.Endpoint self() {
    return self;
  }

  /** The pipe index of a worker of another node (assigned on first sight, never reused). */
  public int indexOf(CascadeMessage.Endpoint e) {
    return peer(e).index;
  }

  /** Whether pipe index {@code to} is a worker of another node. */
  public boolean isRemote(int to) {
    return to >= localWorkers;
  }

  /** Packets relayed to other nodes, per node; what {@link io.confero.sfu.pipe.PipeNet#packetCounter} runs. */
  public Runnable packetCounter(int to) {
    CascadePeer p = peerAt(to);
    if (p == null) {
      return () -> { };
    }
    return sentByNode.computeIfAbsent(p.endpoint.node(), n -> Counter.builder("confero.sfu.cascade.packets")
        .tag("worker", Integer.toString(self.worker())).tag("to", n)
        .description("RTP packets relayed over cascade links to another node").register(registry))::increment;
  }

  /** A pipe message for a worker of another node: control over the event bus, media over the link. */
  public boolean post(int to, PipeMessage m) {
    CascadePeer p = peerAt(to);
    if (p == null) {
      return false;
    }
    if (m instanceof PipeMessage.Packet pk) {
      Integer base = p.outByTrack.get(pk.trackId());
      CascadeLink link = link(p);
      if (base == null || link == null) {
        return false;
      }
      pk.handled();
      link.sendMedia(base + pk.encoding(), pk.encoding(), pk.keyframe(), pk.audioLevel(), pk.bytes(), 0,
          pk.bytes().length, nowMillis);
    } else if (m instanceof PipeMessage.SenderReport sr) {
      Integer base = p.outByTrack.get(sr.trackId());
      if (base != null && link(p) != null) {
        p.link.sendSenderReport(base + sr.encoding(), sr.sr());
      }
    } else if (m instanceof PipeMessage.KeyframeRequest k) {
      Integer base = p.inByTrack.get(k.trackId());
      if (base != null && link(p) != null) {
        p.link.requestKeyframe(base + k.encoding());
      }
    } else {
      control(p, m);
    }
    return true;
  }

  private void control(CascadePeer p, PipeMessage m) {
    int base = 0;
    if (m instanceof PipeMessage.ProducerOpened o) {
      base = nextBase;
      nextBase = (nextBase + CascadePeer.STREAMS_PER_PRODUCER) & Integer.MAX_VALUE;
      p.sent(base, o.meetingId(), o.trackId());
    } else if (m instanceof PipeMessage.ProducerClosed c) {
      p.unsent(c.trackId());
    }
    CascadeMessage msg = new CascadeMessage(self.node(), self.worker(), host, port, base, keysFor(p), m);
    String to = Addresses.sfuCascade(p.endpoint.node(), p.endpoint.worker());
    if (m instanceof PipeMessage.Hello h) {
      // a worker that cannot be reached answers as one that does not host the meeting
      bus.request(to, msg, new DeliveryOptions().setSendTimeout(HELLO_TIMEOUT_MILLIS)).onFailure(e ->
          deliver.accept(new PipeMessage.HelloAck(h.meetingId(), p.index, false)));
    } else {
      bus.send(to, msg);
    }
  }

  /** A control message from a worker of another node; the reply (to a Hello) only says it arrived. */
  public void onMessage(CascadeMessage m, Runnable reply) {
    CascadePeer p = peer(m.endpoint());
    InetSocketAddress addr = new InetSocketAddress(m.host(), m.port());
    if (!addr.equals(p.address)) {
      if (p.address != null) {
        byAddress.remove(p.address);
      }
      p.address = addr;
      byAddress.put(addr, p);
    }
    if (m.keys() != null && !m.keys().equals(p.keys) && p.endpoint.compareTo(self) < 0) {
      p.keys = m.keys();
      p.link = newLink(p, false);
    }
    deliver.accept(fromPeer(p, m));
    reply.run();
  }

  private PipeMessage fromPeer(CascadePeer p, CascadeMessage m) {
    PipeMessage b = m.body();
    if (b instanceof PipeMessage.Hello h) {
      return new PipeMessage.Hello(h.meetingId(), p.index);
    } else if (b instanceof PipeMessage.HelloAck a) {
      return new PipeMessage.HelloAck(a.meetingId(), p.index, a.hosting());
    } else if (b instanceof PipeMessage.Bye y) {
      return new PipeMessage.Bye(y.meetingId(), p.index);
    } else if (b instanceof PipeMessage.ProducerOpened o) {
      p.received(m.streamBase(), o.meetingId(), o.trackId());
      return new PipeMessage.ProducerOpened(o.meetingId(), p.index, o.trackId(), o.participantId(), o.track(),
          o.source(), o.muted());
    } else if (b instanceof PipeMessage.ProducerClosed c) {
      p.unreceived(c.trackId());
    } else if (b instanceof PipeMessage.NeededLayers n) {
      return new PipeMessage.NeededLayers(n.meetingId(), p.index, n.trackId(), n.mask());
    }
    return b;
  }

  /** A datagram on the worker's port from a cascade peer's address; false when it is from no peer. */
  public boolean onDatagram(byte[] buf, int len, InetSocketAddress from, long nowNanos) {
    CascadePeer p = byAddress.get(from);
    if (p == null || p.link == null) {
      return false;
    }
    p.link.onDatagram(buf, 0, len, nowNanos / 1_000_000);
    return true;
  }

  /**
   * Node {@code node} left the cluster: its workers' links go, and each router that hosts one of
   * {@code meetings} hears a Bye from each of them (their proxies close, nothing is piped there).
   */
  public void nodeLeft(String node, java.util.Collection<String> meetings) {
    for (CascadePeer p : byIndex) {
      if (p.endpoint.node().equals(node)) {
        meetings.forEach(m -> deliver.accept(new PipeMessage.Bye(m, p.index)));
        if (p.address != null) {
          byAddress.remove(p.address);
        }
        p.link = null;
        p.keys = null;
        p.address = null;
      }
    }
  }

  /** Periodic: NACKs due on every link. */
  public void tick(long nowMillis) {
    this.nowMillis = nowMillis;
    for (CascadePeer p : byIndex) {
      if (p.link != null) {
        p.link.tick(nowMillis);
      }
    }
  }

  /** The keys of the link to {@code p} when this worker opens it (it is the lower end), drawn on first use. */
  private SrtpKeys keysFor(CascadePeer p) {
    if (self.compareTo(p.endpoint) > 0) {
      return null;
    }
    if (p.keys == null) {
      p.keys = LinkKeys.generate(random);
      p.link = newLink(p, true);
    }
    return p.keys;
  }

  private CascadeLink link(CascadePeer p) {
    keysFor(p);
    return p.address == null ? null : p.link;
  }

  private CascadeLink newLink(CascadePeer p, boolean opener) {
    return new CascadeLink(LinkKeys.session(p.keys, opener), (buf, off, len) -> {
      if (p.address != null) {
        udp.send(buf, len, p.address); // the link writes from offset 0
      }
    }, new Ingress(p), reason -> drops.get(reason).increment());
  }

  private CascadePeer peer(CascadeMessage.Endpoint e) {
    return byEndpoint.computeIfAbsent(e, k -> {
      CascadePeer p = new CascadePeer(k, localWorkers + byIndex.size());
      byIndex.add(p);
      return p;
    });
  }

  private CascadePeer peerAt(int index) {
    int i = index - localWorkers;
    return i >= 0 && i < byIndex.size() ? byIndex.get(i) : null;
  }

  /** What arrives on one peer's link, handed to the routers as the pipe messages a worker would post. */
  private final class Ingress implements CascadeLink.Listener {
    private final CascadePeer p;

    Ingress(CascadePeer p) {
      this.p = p;
    }

    @Override
    public void onMedia(LinkPacket lp, byte[] buf) {
      CascadePeer.Stream s = p.inByBase.get(CascadePeer.base(lp.streamId()));
      if (s == null) {
        return;
      }
      received.increment();
      byte[] copy = Arrays.copyOfRange(buf, lp.innerOffset(), lp.innerOffset() + lp.innerLength());
      notCounted.set(0);
      deliver.accept(new PipeMessage.Packet(s.meetingId(), s.trackId(), lp.encoding(), Bytes.i32(copy, 8), copy,
          System.nanoTime(), lp.audioLevel(), lp.keyframe(), notCounted));
    }

    @Override
    public void onKeyframeRequest(int streamId) {
      int base = CascadePeer.base(streamId);
      CascadePeer.Stream s = p.outByBase.get(base);
      if (s != null) {
        deliver.accept(new PipeMessage.KeyframeRequest(s.meetingId(), p.index, s.trackId(), streamId - base));
      }
    }

    @Override
    public void onSenderReport(int streamId, RtcpSr sr) {
      int base = CascadePeer.base(streamId);
      CascadePeer.Stream s = p.inByBase.get(base);
      if (s != null) {
        deliver.accept(new PipeMessage.SenderReport(s.meetingId(), s.trackId(), streamId - base, sr));
      }
    }
  }
}
