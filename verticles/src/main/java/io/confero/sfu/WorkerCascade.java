package io.confero.sfu;

import io.confero.codecs.Addresses;
import io.confero.sfu.cascade.CascadeEndpoint;
import io.confero.sfu.cascade.CascadeMessage;
import io.confero.sfu.cascade.CascadePipeNet;
import io.confero.sfu.cascade.MeetingSpans;
import io.confero.sfu.pipe.PipeMessage;
import io.confero.sfu.pipe.PipeNet;
import io.confero.sfu.router.Router;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The I/O shell of one worker's cascade: its event-bus address for the other nodes' workers, the
 * meeting spans in the cluster's state (looked up off the loop when a router comes up, left when
 * it goes), and the {@link CascadeEndpoint} that turns both into pipes. Runs on the worker's loop.
 */
final class WorkerCascade {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerCascade.class);

  private final Vertx vertx;
  private final Context loop;
  private final MeetingSpans spans;
  private final CascadeEndpoint endpoint;
  private final PipeNet net;
  private MessageConsumer<CascadeMessage> consumer;

  WorkerCascade(Vertx vertx, Context loop, String nodeId, int index, SfuNode node, Consumer<PipeMessage> deliver,
      CascadeEndpoint.Udp udp, MeterRegistry registry) {
    this.vertx = vertx;
    this.loop = loop;
    this.spans = node.spans();
    this.endpoint = new CascadeEndpoint(new CascadeMessage.Endpoint(nodeId, index), node.pipes().workers(),
        vertx.eventBus(), deliver, udp, new SecureRandom(), registry);
    this.net = new CascadePipeNet(node.pipes().net(index), endpoint);
  }

  /** The worker's pipes: its node's other workers and the workers of other nodes. */
  PipeNet net() {
    return net;
  }

  /** Listens for the other nodes' workers, and for nodes leaving ({@code meetings}: this worker's); on the worker's loop. */
  Future<Void> listen(java.util.function.Supplier<java.util.Collection<String>> meetings) {
    spans.onNodeLeft(node -> loop.runOnContext(v -> endpoint.nodeLeft(node, List.copyOf(meetings.get()))));
    CascadeMessage.Endpoint self = endpoint.self();
    consumer = vertx.eventBus().consumer(Addresses.sfuCascade(self.node(), self.worker()),
        msg -> endpoint.onMessage(msg.body(), () -> msg.reply(null)));
    return consumer.completion();
  }

  /** The UDP port is bound: other nodes send link datagrams to {@code host:port}. */
  void bound(String host, int port) {
    endpoint.bound(host, port);
  }

  /**
   * A router came up on this worker: it is recorded in the meeting's span and greets the workers of
   * other nodes already hosting the meeting; its requests wait until they answered.
   */
  void announce(String meetingId, Router router) {
    if (spans == MeetingSpans.NONE) {
      return;
    }
    router.pipes().hold();
    vertx.executeBlocking(() -> spans.join(meetingId, endpoint.self()), false).onComplete(ar -> loop.runOnContext(v -> {
      if (ar.succeeded()) {
        ar.result().forEach(e -> router.pipes().greet(endpoint.indexOf(e)));
      } else {
        LOG.warn("looking up the nodes hosting meeting {} failed; it stays on this node", meetingId, ar.cause());
      }
      router.pipes().release();
    }));
  }

  /** The router left this worker: it is taken out of the meeting's span. */
  void left(String meetingId) {
    if (spans != MeetingSpans.NONE) {
      vertx.executeBlocking(() -> {
        spans.leave(meetingId, endpoint.self());
        return null;
      }, false).onFailure(e -> LOG.warn("leaving the span of meeting {} failed", meetingId, e));
    }
  }

  /** A datagram from a cascade peer's address (true), or from none (false: not ours). */
  boolean onDatagram(byte[] buf, int len, InetSocketAddress from, long readNanos) {
    return endpoint.onDatagram(buf, len, from, readNanos);
  }

  void tick(long nowMillis) {
    endpoint.tick(nowMillis);
  }

  Future<Void> close() {
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }
}
