package io.confero.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.confero.app.TestNode;
import io.confero.webhook.Receiver;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Participant webhooks keep coming after the node restarts: the meeting's epoch goes on from where
 * the event log left it, so the events of the second run are never mistaken for replays of the first.
 */
class EventsAcrossRestartTest {
  static final Map<String, String> CONFIG = Map.of(
      "CONFERO_WEBHOOKS_ALLOW_INSECURE_TARGETS", "true",
      "CONFERO_WEBHOOKS_POLL_INTERVAL_MS", "100");

  @Test
  void joinsAfterARestartAreDeliveredToo() throws Exception {
    Path dir = Files.createTempDirectory("confero-events-restart");
    Map<String, String> cfg = new HashMap<>(CONFIG);
    cfg.put("CONFERO_CLUSTER_NAME", "events-restart-" + java.util.UUID.randomUUID());
    try (Receiver receiver = new Receiver()) {
      JsonObject m;
      try (TestNode first = TestNode.start(dir, cfg)) {
        Seats seats = new Seats(first);
        RestClientSteps.endpoint(seats, receiver.url("restart"), "participant.joined", "participant.left");
        m = seats.meeting(null);
        for (String name : List.of("Ann", "Bob")) {
          try (WsPeer p = WsPeer.joined(seats.vertx(), seats.port(), seats.guest(m, name).token(), "joined")) {
            p.send(new JsonObject().put("type", "leave"));
            p.awaitClosed();
          }
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.hits("restart").size() == 4);
      }
      try (TestNode second = TestNode.start(dir, cfg)) {
        Seats seats = new Seats(second);
        for (String name : List.of("Cid", "Dee")) {
          try (WsPeer p = WsPeer.joined(seats.vertx(), seats.port(), seats.guest(m, name).token(), "joined")) {
            p.send(new JsonObject().put("type", "leave"));
            p.awaitClosed();
          }
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.hits("restart").size() >= 8);
        List<Receiver.Hit> hits = receiver.hits("restart");
        assertThat(hits).extracting(h -> h.json().getString("type"))
            .containsExactly("participant.joined", "participant.left", "participant.joined", "participant.left",
                "participant.joined", "participant.left", "participant.joined", "participant.left");
        assertThat(hits).extracting(Receiver.Hit::eventId).doesNotHaveDuplicates();
        JsonArray epochs = new JsonArray(hits.stream().map(h -> h.json().getJsonObject("data").getLong("epoch")).toList());
        assertThat(epochs.getList()).isSorted().doesNotHaveDuplicates();
      }
    }
  }

  /** Registers a webhook endpoint through the REST API, as an integrator would. */
  static final class RestClientSteps {
    static void endpoint(Seats seats, String url, String... events) throws Exception {
      var r = seats.rest.authed(seats.rest.token(), "POST", "/api/v1/webhooks",
          new JsonObject().put("url", url).put("events", new JsonArray(List.of(events))).encode());
      assertThat(r.status()).as(r.body()).isEqualTo(201);
    }
  }
}
