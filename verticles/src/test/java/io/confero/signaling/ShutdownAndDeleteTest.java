package io.confero.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.confero.api.RestClient;
import io.confero.app.TestNode;
import io.confero.webhook.Receiver;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The end of a meeting or of a node, as integrators and clients see it: deleting a live meeting
 * sends {@code meeting.ended}; stopping a node answers every request it accepted (no 500 from a
 * closed pool) and tells signaling clients to reconnect (close 1012) instead of cutting them off.
 */
class ShutdownAndDeleteTest {

  @Test
  void deletingALiveMeetingSendsMeetingEnded() throws Exception {
    try (Receiver receiver = new Receiver();
        TestNode node = TestNode.start(Files.createTempDirectory("confero-delete"),
            Map.of("CONFERO_WEBHOOKS_ALLOW_INSECURE_TARGETS", "true", "CONFERO_WEBHOOKS_POLL_INTERVAL_MS", "100",
                "CONFERO_CLUSTER_NAME", "delete-" + java.util.UUID.randomUUID()))) {
      Seats seats = new Seats(node);
      String token = seats.rest.token();
      RestClient.Response ep = seats.rest.authed(token, "POST", "/api/v1/webhooks", new JsonObject()
          .put("url", receiver.url("deleted")).put("events", new JsonArray(List.of("meeting.ended"))).encode());
      assertThat(ep.status()).as(ep.body()).isEqualTo(201);
      JsonObject m = seats.meeting(null);
      try (WsPeer h = WsPeer.joined(seats.vertx(), seats.port(), seats.host(m, "Hannah Host").token(), "joined")) {
        await().atMost(Duration.ofSeconds(30)).until(() -> "live".equals(seats.get(m).getString("status")));
        RestClient.Response del = seats.rest.authed(token, "DELETE", "/api/v1/meetings/" + m.getString("meeting_id"), null);
        assertThat(del.status()).isEqualTo(204);
        h.await("meeting_ended");
      }
      await().atMost(Duration.ofSeconds(60)).until(() -> receiver.hits("deleted").size() == 1);
      JsonObject ended = receiver.hits("deleted").get(0).json();
      assertThat(ended.getString("type")).isEqualTo("meeting.ended");
      assertThat(ended.getJsonObject("data").getString("meeting_id")).isEqualTo(m.getString("meeting_id"));
      assertThat(ended.getJsonObject("data").getString("by")).isEqualTo("deleted");
    }
  }

  @Test
  void stoppingANodeDrainsRequestsAndAsksClientsToReconnect() throws Exception {
    TestNode node = Seats.node(Files.createTempDirectory("confero-drain"));
    Vertx client = Vertx.vertx();
    List<Integer> statuses = new CopyOnWriteArrayList<>();
    AtomicBoolean stop = new AtomicBoolean();
    Thread load = null;
    try {
      Seats seats = new Seats(node);
      JsonObject m = seats.meeting(null);
      WsPeer peer = WsPeer.joined(client, seats.port(), seats.host(m, "Hannah Host").token(), "joined");
      String token = seats.rest.token();
      load = new Thread(() -> {
        while (!stop.get()) {
          try {
            statuses.add(seats.rest.authed(token, "GET", "/api/v1/meetings/" + m.getString("meeting_id"), null).status());
          } catch (Exception e) {
            return; // refused or reset once the server stopped accepting: the client may retry elsewhere
          }
        }
      });
      load.start();
      await().atMost(Duration.ofSeconds(30)).until(() -> statuses.size() >= 5);
      node.close();
      node = null;
      peer.awaitClosed();
      assertThat(peer.closeStatus.get()).isEqualTo(1012);
    } finally {
      stop.set(true);
      if (load != null) {
        load.join(30_000);
      }
      if (node != null) {
        node.close();
      }
      client.close();
    }
    assertThat(statuses).isNotEmpty().doesNotContain(500, 503);
  }
}
