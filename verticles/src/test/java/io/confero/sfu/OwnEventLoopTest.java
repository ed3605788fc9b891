package io.confero.sfu;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An SFU worker's own event loop: its tasks, timers and event-bus handlers all run on its one thread. */
class OwnEventLoopTest {
  final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void tasksTimersAndConsumersRegisteredFromItRunOnItsThreadNotTheSharedPool() {
    OwnEventLoop loop = OwnEventLoop.create(vertx, "confero-sfu-7", 2, TimeUnit.SECONDS);
    try {
      CopyOnWriteArrayList<String> threads = new CopyOnWriteArrayList<>();
      AtomicReference<Object> context = new AtomicReference<>();
      loop.context().runOnContext(v -> {
        threads.add(Thread.currentThread().getName());
        context.set(Vertx.currentContext());
        vertx.setTimer(1, id -> threads.add(Thread.currentThread().getName()));
        vertx.eventBus().<String>consumer("own-loop-test", m -> {
          threads.add(Thread.currentThread().getName());
          m.reply("ok");
        }).completion().onSuccess(x -> vertx.eventBus().request("own-loop-test", "ping"));
      });
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> threads.size() == 3);
      assertThat(threads).containsOnly("confero-sfu-7");
      assertThat(context.get()).isSameAs(loop.context());
    } finally {
      loop.close();
    }
  }
}
