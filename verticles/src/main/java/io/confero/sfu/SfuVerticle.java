package io.confero.sfu;

import io.confero.codecs.Addresses;
import io.confero.codecs.sfu.SfuRequest;
import io.confero.config.ConferoConfig;
import io.confero.media.rtp.RtpDemux;
import io.confero.media.sdp.SdpNegotiationException;
import io.confero.media.sdp.SdpParseException;
import io.confero.sfu.ice.IceUfragIndex;
import io.confero.sfu.metrics.DropReason;
import io.confero.sfu.metrics.SfuMetrics;
import io.confero.sfu.dtls.DtlsCertificate;
import io.confero.sfu.pipe.PipeMessage;
import io.confero.sfu.pipe.PipeNet;
import io.confero.sfu.router.AudioSlotConfig;
import io.confero.sfu.router.Router;
import io.confero.sfu.transport.UdpPort;
import io.confero.sfu.transport.WebRtcTransport;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SFU worker: owns one UDP socket that carries every participant's media, demultiplexed by
 * ICE username then by remote address ({@link WorkerServices}), and the meeting routers assigned to it. Shared-nothing:
 * all media state is touched only from this verticle's event loop.
 */
public final class SfuVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(SfuVerticle.class);
  private static final int MAX_DATAGRAM = 1500;
  private static final long TICK_MILLIS = 50;

  private final ConferoConfig.Sfu config;
  private final AudioSlotConfig audioSlots;
  private final String nodeId;
  private final int index;
  private final MeterRegistry registry;
  private final Map<String, Router> routers = new HashMap<>();
  private WorkerServices env;
  private ThreadPoolExecutor dtlsPool;
  private SfuMetrics metrics;
  private UdpPort socket;
  private MessageConsumer<SfuRequest> consumer;
  private long timer;
  private long ticks;
  private final io.confero.recording.capture.Captures captures;
  private final SfuNode node;
  private PipeNet pipes;
  private WorkerCascade cascade;
  private final WorkerLoadSampler load;
  private OwnEventLoop loop;

  public SfuVerticle(ConferoConfig.Sfu config, String nodeId, int index, MeterRegistry registry) {
    this(config, nodeId, index, registry, null, SfuNode.single(registry));
  }

  /**
   * Worker {@code index} of {@code node} (its pipes to the other workers, its load report), which
   * also captures recordings ({@code captures} null: it refuses to).
   */
  public SfuVerticle(ConferoConfig.Sfu config, String nodeId, int index, MeterRegistry registry,
      io.confero.recording.capture.Captures captures, SfuNode node) {
    this.config = config;
    this.audioSlots = new AudioSlotConfig(config.audioSlots(), config.audioSlotsAbove());
    this.nodeId = nodeId;
    this.index = index;
    this.registry = registry;
    this.captures = captures;
    this.node = node;
    this.load = new WorkerLoadSampler(node.loads(), index, registry);
  }

  @Override
  public Future<?> start() {
    metrics = new SfuMetrics(registry, index);
    AtomicInteger n = new AtomicInteger();
    dtlsPool = new ThreadPoolExecutor(4, 64, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(512), r -> {
      Thread t = new Thread(r, "confero-dtls-" + index + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    loop = OwnEventLoop.create(vertx, "confero-sfu-" + index, 2, TimeUnit.SECONDS);
    cascade = new WorkerCascade(vertx, loop.context(), nodeId, index, node, this::onPipe, this::send, registry);
    pipes = cascade.net();
    return vertx.executeBlocking(() -> DtlsCertificate.generate()).compose(cert -> {
      env = new WorkerServices(vertx, loop.context(), nodeId, metrics, cert, dtlsPool, this::send,
          new WorkerServices.Announced(config.announcedAddress(), this::port), audioSlots, pipes);
      Gauge.builder("confero.sfu.transports", env.byUfrag(), IceUfragIndex::size).tag("worker", Integer.toString(index))
          .register(registry);
      Promise<Void> listening = Promise.promise();
      // everything of this worker is registered from its own loop, so it all runs there
      loop.context().runOnContext(v -> listen().onComplete(listening));
      return listening.future();
    }).onFailure(e -> loop.close()).onSuccess(x -> LOG.info("SFU worker {} listening on UDP {}:{} on its own event loop",
        index, config.bindHost(), port()));
  }

  /** Registers the event-bus consumer, the tick and the UDP port; runs on the worker's own loop. */
  private Future<Void> listen() {
    consumer = vertx.eventBus().consumer(Addresses.sfuWorker(nodeId, index), this::onRequest);
    node.pipes().register(index, loop.context()::execute, this::onPipe);
    timer = vertx.setPeriodic(TICK_MILLIS, id -> tick());
    int port = config.port() == 0 ? 0 : config.port() + index;
    Future<UdpPort> bound = UdpPort.bind(loop.context(), config.bindHost(), port,
        new DatagramSocketOptions().setReceiveBufferSize(4 << 20).setSendBufferSize(4 << 20), MAX_DATAGRAM,
        this::onDatagram).onSuccess(udp -> {
          socket = udp;
          cascade.bound(config.announcedAddress(), udp.port());
        });
    return Future.join(consumer.completion(), cascade.listen(routers::keySet), bound).mapEmpty();
  }

  /** The UDP port this worker receives media on. */
  public int port() {
    return socket.port();
  }

  private void onDatagram(byte[] buf, int len, InetSocketAddress from, long readNanos) {
    metrics.received();
    if (len > MAX_DATAGRAM || len < 1) {
      metrics.drop(DropReason.TOO_LARGE);
      return;
    }
    if (RtpDemux.isStun(buf, 0, len)) {
      WebRtcTransport t = env.byUfrag().lookup(buf, 0, len);
      if (t == null) {
        metrics.drop(DropReason.UNKNOWN_UFRAG);
        return;
      }
      if (t.onStun(buf, len, from, readNanos / 1_000_000)) {
        env.learned(from, t);
      }
      return;
    }
    WebRtcTransport t = env.byAddress(from);
    if (t == null) {
      if (!cascade.onDatagram(buf, len, from, readNanos)) {
        metrics.drop(DropReason.UNKNOWN_SOURCE);
      }
      return;
    }
    t.onDatagram(buf, len, readNanos);
  }

  private void onRequest(Message<SfuRequest> msg) {
    SfuRequest req = msg.body();
    if (req instanceof SfuRequest.Record r) {
      record(msg, r);
      return;
    }
    Router router = routers.get(req.meetingId());
    if (router == null) {
      router = newRouter(req.meetingId());
      routers.put(req.meetingId(), router);
      router.pipes().announce();
      cascade.announce(req.meetingId(), router);
    }
    Router r = router;
    router.pipes().whenReady(() -> handle(msg, r));
  }

  /** A request for a router that every other worker has answered (so it knows the far producers). */
  private void handle(Message<SfuRequest> msg, Router router) {
    SfuRequest req = msg.body();
    if (routers.get(req.meetingId()) != router) {
      onRequest(msg);
      return;
    }
    try {
      msg.reply(RouterCommands.apply(router, req));
    } catch (SdpParseException | SdpNegotiationException e) {
      msg.fail(400, e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("SFU request {} failed for meeting {}", req.getClass().getSimpleName(), req.meetingId(), e);
      msg.fail(500, "internal error");
    } finally {
      if (router.isEmpty() && router.pipes().ready()) {
        routers.remove(req.meetingId());
        router.pipes().close();
        cascade.left(req.meetingId());
      }
    }
  }

  /** A message from another worker of this node about a meeting it shares with this one. */
  private void onPipe(PipeMessage m) {
    Router r = routers.get(m.meetingId());
    if (r != null) {
      r.pipes().onMessage(m);
    } else if (m instanceof PipeMessage.Hello h) {
      pipes.post(h.from(), new PipeMessage.HelloAck(m.meetingId(), index, false));
    } else if (m instanceof PipeMessage.Packet p) {
      p.handled();
      metrics.drop(DropReason.PIPE_ORPHAN);
    }
  }

  private Router newRouter(String meetingId) {
    Router r = new Router(meetingId, env);
    if (captures != null) {
      captures.routerCreated(meetingId, r);
    }
    return r;
  }

  private void record(Message<SfuRequest> msg, SfuRequest.Record r) {
    if (captures == null) {
      msg.fail(501, "recording is not enabled on this SFU worker");
      return;
    }
    captures.handle(r, routers.get(r.meetingId())).onSuccess(v -> msg.reply(new SfuRequest.Ack()))
        .onFailure(e -> msg.fail(500, "capture failed: " + e.getMessage()));
  }

  private void tick() {
    ticks++;
    long now = env.nowMillis();
    if (captures != null) {
      captures.tick(now);
    }
    boolean consent = ticks % 20 == 0;
    cascade.tick(now);
    for (Map.Entry<String, Router> e : List.copyOf(routers.entrySet())) {
      Router r = e.getValue();
      r.tick(now, consent);
      if (r.isEmpty() && r.pipes().ready()) {
        routers.remove(e.getKey());
        r.pipes().close();
        cascade.left(e.getKey());
      }
    }
    load.sample(now, metrics.forwardedCount(), routers.values());
  }

  private void send(byte[] buf, int len, InetSocketAddress to) {
    socket.send(buf, len, to);
  }

  @Override
  public Future<?> stop() {
    Promise<Void> stopped = Promise.promise();
    loop.context().runOnContext(v -> {
      node.pipes().unregister(index);
      vertx.cancelTimer(timer);
      if (env != null) {
        env.closeAll();
      }
      routers.clear();
      dtlsPool.shutdownNow();
      Future.join(consumer.unregister(), cascade.close(), socket == null ? Future.succeededFuture() : socket.close()).<Void>mapEmpty()
          .onComplete(stopped);
    });
    return stopped.future().eventually(() -> {
      loop.close();
      return Future.succeededFuture();
    });
  }
}
