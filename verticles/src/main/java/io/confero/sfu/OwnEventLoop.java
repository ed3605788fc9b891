package io.confero.sfu;

import io.netty.channel.EventLoopGroup;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxThread;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.spi.VertxThreadFactory;
import io.vertx.core.spi.transport.Transport;
import java.util.concurrent.TimeUnit;

/**
 * An event loop of its own for one SFU worker, outside Vert.x's shared pool, and a Vert.x context
 * on it. Verticles deployed on the shared pool are assigned its loops round-robin, so an SFU
 * worker shared its thread with the HTTP API, signaling, TURN or webhooks: their work delayed the
 * reading of media datagrams, whose arrival times go back to publishers as transport-wide-cc
 * feedback and so into their bandwidth estimate. Like a mediasoup worker, each SFU worker now owns
 * one thread for its socket, routers, timer and event-bus requests.
 */
final class OwnEventLoop implements AutoCloseable {
  private final EventLoopGroup group;
  private final ContextInternal context;

  private OwnEventLoop(EventLoopGroup group, ContextInternal context) {
    this.group = group;
    this.context = context;
  }

  /** A one-thread event loop on Vert.x's transport (epoll where available) named {@code name}. */
  static OwnEventLoop create(Vertx vertx, String name, long maxExecuteTime, TimeUnit unit) {
    VertxInternal vx = (VertxInternal) vertx;
    EventLoopGroup group = vx.transport().eventLoopGroup(Transport.IO_EVENT_LOOP_GROUP, 1, r -> {
      VertxThread t = VertxThreadFactory.INSTANCE.newVertxThread(r, name, false, maxExecuteTime, unit);
      t.setDaemon(true);
      return t;
    }, 50);
    ContextInternal context = vx.contextBuilder().withThreadingModel(ThreadingModel.EVENT_LOOP)
        .withEventLoop(group.next()).build();
    return new OwnEventLoop(group, context);
  }

  /** The context whose tasks run on this loop: register consumers, timers and sockets from it. */
  ContextInternal context() {
    return context;
  }

  /** Stops the thread once queued tasks ran. */
  @Override
  public void close() {
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
  }
}
