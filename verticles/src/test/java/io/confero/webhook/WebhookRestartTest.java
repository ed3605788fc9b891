package io.confero.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.confero.api.RestClient;
import io.confero.app.TestNode;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A delivery failing when the node stops is delivered, once, by the next node on the same database. */
class WebhookRestartTest {
  @Test
  void restartInTheMiddleOfRetriesLosesNothing() throws Exception {
    Path dir = Files.createTempDirectory("confero-webhook-restart");
    StepClock clock = new StepClock();
    try (Receiver receiver = new Receiver()) {
      receiver.fallback(Receiver.Reply.FAIL_500);
      String endpoint;
      String secret;
      try (TestNode first = TestNode.start(dir, WebhookFixture.CONFIG, clock)) {
        RestClient rest = new RestClient(first.baseUrl());
        WebhookFixture fx = new WebhookFixture(rest, rest.token());
        JsonObject ep = fx.endpoint(receiver.url("restart"), "meeting.created");
        endpoint = ep.getString("id");
        secret = ep.getString("secret");
        fx.meeting("restart");
        await().atMost(Duration.ofSeconds(90)).until(() -> fx.only(endpoint).getInteger("attempts", 0) >= 1);
      }
      receiver.fallback(Receiver.Reply.OK);
      receiver.secrets("restart", secret);
      clock.advance(Duration.ofMinutes(2));
      try (TestNode second = TestNode.start(dir, WebhookFixture.CONFIG, clock)) {
        RestClient rest = new RestClient(second.baseUrl());
        WebhookFixture fx = new WebhookFixture(rest, rest.token());
        await().atMost(Duration.ofSeconds(90)).until(() -> "delivered".equals(fx.only(endpoint).getString("status")));
        List<Receiver.Hit> hits = receiver.hits("restart");
        assertThat(hits).extracting(Receiver.Hit::answered).endsWith(200).filteredOn(s -> s == 200).hasSize(1);
        assertThat(hits).extracting(Receiver.Hit::eventId).containsOnly(hits.get(0).eventId());
        assertThat(hits.get(hits.size() - 1).signatureValid()).isTrue();
      }
    }
  }
}
