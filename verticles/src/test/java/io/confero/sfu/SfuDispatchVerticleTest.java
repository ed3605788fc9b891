package io.confero.sfu;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.codecs.Addresses;
import io.confero.codecs.sfu.SfuCodec;
import io.confero.codecs.sfu.SfuEvent;
import io.confero.codecs.sfu.SfuRequest;
import io.confero.sfu.placement.WorkerLoads;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The node's SFU front on a real event bus, with two stand-in workers that record what reaches
 * them: commands follow their participant's worker, a worker's refusal reaches the caller with its
 * code, a leave or a dead transport frees the placement, a recording goes to the meeting's main worker.
 */
@ExtendWith(VertxExtension.class)
class SfuDispatchVerticleTest {
  static final String NODE = "node-a";
  final List<String> seen = Collections.synchronizedList(new ArrayList<>());
  final WorkerLoads loads = new WorkerLoads(2);

  @BeforeEach
  void deploy(Vertx vertx) throws Exception {
    SfuCodec.registerAll(vertx.eventBus());
    for (int w = 0; w < 2; w++) {
      int worker = w;
      vertx.eventBus().<SfuRequest>consumer(Addresses.sfuWorker(NODE, w), msg -> answer(worker, msg));
    }
    vertx.deployVerticle(new SfuDispatchVerticle(NODE, loads, 2, new SimpleMeterRegistry()))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private void answer(int worker, Message<SfuRequest> msg) {
    seen.add(worker + ":" + msg.body().getClass().getSimpleName());
    if (msg.body() instanceof SfuRequest.SubscribeAnswer) {
      msg.fail(400, "bad answer sdp");
    } else {
      msg.reply(new SfuRequest.Ack());
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private Future<Object> send(Vertx vertx, SfuRequest r) {
    return vertx.eventBus().request(Addresses.sfuNode(NODE), r).map(Message::body);
  }

  @Test
  void commandsFollowTheirParticipantsWorker(Vertx vertx) throws Exception {
    loads.report(0, 5_000, 0);
    await(send(vertx, new SfuRequest.Subscribe("m1", "ada")));
    await(send(vertx, new SfuRequest.Subscribe("m1", "bob")));
    loads.report(1, 90_000, 0);
    await(send(vertx, new SfuRequest.Subscribe("m1", "cyd")));
    await(send(vertx, new SfuRequest.SetTrackHeight("m1", "ada", "t", 180)));
    await(send(vertx, new SfuRequest.Unpublish("m1", "cyd"))); // a demoted panelist's tracks close where they live
    assertThat(seen).containsExactly("1:Subscribe", "1:Subscribe", "0:Subscribe", "1:SetTrackHeight", "0:Unpublish");
  }

  @Test
  void aWorkersRefusalReachesTheCallerWithItsCode(Vertx vertx) throws Exception {
    await(send(vertx, new SfuRequest.Subscribe("m1", "ada")));
    Throwable e = send(vertx, new SfuRequest.SubscribeAnswer("m1", "ada", "v=0")).transform(Future::succeededFuture)
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).cause();
    assertThat(e).isInstanceOf(ReplyException.class);
    assertThat(((ReplyException) e).failureCode()).isEqualTo(400);
    assertThat(e.getMessage()).isEqualTo("bad answer sdp");
  }

  @Test
  void commandsForSomeoneWithoutMediaHerePlaceNobody(Vertx vertx) throws Exception {
    assertThat(await(send(vertx, new SfuRequest.SetTrackHeight("m1", "gone", "t", 180))))
        .isInstanceOf(SfuRequest.Ack.class);
    Throwable e = send(vertx, new SfuRequest.SubscribeAnswer("m1", "gone", "v=0")).transform(Future::succeededFuture)
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).cause();
    assertThat(((ReplyException) e).failureCode()).isEqualTo(400);
    assertThat(await(send(vertx, new SfuRequest.Unpublish("m1", "gone"))))
        .isEqualTo(new SfuRequest.PublishAnswer("", java.util.List.of(), java.util.List.of()));
    assertThat(seen).as("no worker was bothered").isEmpty();
  }

  @Test
  void leavingOrADeadTransportFreesThePlacement(Vertx vertx) throws Exception {
    await(send(vertx, new SfuRequest.Subscribe("m1", "ada")));
    await(send(vertx, new SfuRequest.Leave("m1", "ada")));
    assertThat(await(send(vertx, new SfuRequest.Leave("m1", "ada")))).as("unknown: answered here")
        .isInstanceOf(SfuRequest.Ack.class);
    assertThat(seen).containsExactly("0:Subscribe", "0:Leave");

    await(send(vertx, new SfuRequest.Subscribe("m2", "bob")));
    vertx.eventBus().publish(Addresses.sfuEvents(NODE), new SfuEvent.TransportDown("m2", "bob", "consent expired"));
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> {
      seen.clear();
      await(send(vertx, new SfuRequest.Leave("m2", "bob")));
      assertThat(seen).as("bob was forgotten: his leave is answered without a worker").isEmpty();
    });
  }

  @Test
  void aRecordingGoesToTheWorkerWithMostOfTheMeeting(Vertx vertx) throws Exception {
    loads.report(0, 50_000, 0);
    await(send(vertx, new SfuRequest.Subscribe("m1", "ada")));
    await(send(vertx, new SfuRequest.Subscribe("m1", "bob")));
    await(send(vertx, new SfuRequest.Record("m1", "ada", "r1", true)));
    assertThat(seen).containsExactly("1:Subscribe", "1:Subscribe", "1:Record");
  }
}
