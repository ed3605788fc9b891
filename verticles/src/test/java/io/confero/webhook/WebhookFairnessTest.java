package io.confero.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.confero.api.RestClient;
import io.confero.app.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Per-endpoint fairness of the delivery worker, with real receivers: endpoint A's receiver accepts
 * every request and never answers (A's timeout is 10 minutes, longer than the test), endpoint C's
 * port refuses connections, and both have more queued deliveries than the node has slots (64).
 * Endpoint B, registered after them, still gets every event while A's first deliveries are
 * unanswered: A holds only its own few slots ({@code webhooks.max_in_flight_per_endpoint}).
 */
class WebhookFairnessTest {
  static final Duration WAIT = Duration.ofSeconds(120);
  static final int BACKLOG = 70;
  static final int PER_ENDPOINT = 4;

  @Test
  void hangingAndDeadReceiversDelayOnlyTheirOwnQueues() throws Exception {
    Map<String, String> cfg = new HashMap<>(WebhookFixture.CONFIG);
    cfg.put("CONFERO_WEBHOOKS_TIMEOUT_MS", "600000");
    cfg.put("CONFERO_WEBHOOKS_MAX_IN_FLIGHT_PER_ENDPOINT", Integer.toString(PER_ENDPOINT));
    cfg.put("CONFERO_API_RATE_LIMIT_PER_MINUTE", "100000");
    try (Receiver slow = new Receiver(); Receiver healthy = new Receiver();
        TestNode node = TestNode.start(Files.createTempDirectory("confero-webhook-fair"), cfg)) {
      slow.fallback(Receiver.Reply.HANG);
      RestClient rest = new RestClient(node.baseUrl());
      WebhookFixture fx = new WebhookFixture(rest, rest.token());
      String a = fx.endpoint(slow.url("a"), "meeting.created").getString("id");
      String c = fx.endpoint("http://127.0.0.1:" + TestNode.freePort() + "/c", "meeting.created").getString("id");
      for (int i = 0; i < BACKLOG; i++) {
        fx.meeting("backlog " + i);
      }
      await().atMost(WAIT).until(() -> slow.hits("a").size() >= PER_ENDPOINT);
      await().atMost(WAIT).until(() -> attempted(fx.deliveries(c, null)) >= PER_ENDPOINT);

      JsonObject b = fx.endpoint(healthy.url("b"), "meeting.created");
      healthy.secrets("b", b.getString("secret"));
      for (int i = 0; i < 10; i++) {
        fx.meeting("after the backlog " + i);
      }
      await().atMost(WAIT).until(() -> fx.deliveries(b.getString("id"), "delivered").size() == 10);

      // B is done while A's first deliveries are still waiting for an answer, and A never got more slots
      assertThat(slow.hits("a")).hasSize(PER_ENDPOINT);
      JsonArray aRows = fx.deliveries(a, null);
      assertThat(aRows).hasSize(BACKLOG + 10);
      assertThat(fx.deliveries(a, "delivered")).isEmpty();
      assertThat(aRows.stream().map(o -> ((JsonObject) o).getInteger("attempts"))).containsOnly(0);
      // C's refused connections were recorded as failed attempts, to be retried later
      assertThat(fx.deliveries(c, "delivered")).isEmpty();
      assertThat(fx.deliveries(c, null).stream().map(o -> (JsonObject) o).filter(d -> d.getInteger("attempts") > 0))
          .allMatch(d -> "pending".equals(d.getString("status")) && d.getString("last_error") != null);
      List<Receiver.Hit> hits = healthy.hits("b");
      assertThat(hits).hasSize(10).allMatch(Receiver.Hit::signatureValid);
      assertThat(hits).extracting(Receiver.Hit::eventId).doesNotHaveDuplicates();
    }
  }

  private static long attempted(JsonArray deliveries) {
    return deliveries.stream().map(o -> (JsonObject) o).filter(d -> d.getInteger("attempts") > 0).count();
  }
}
