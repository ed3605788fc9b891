package io.confero.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.confero.api.RestClient;
import io.confero.app.TestNode;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Deliveries from a real node (embedded PostgreSQL, real worker) to a real HTTP receiver: signed,
 * delivered once, retried after 500s and a timeout, dead-lettered after the window and redelivered
 * by hand, signed twice during a rotation. Time steps through {@link StepClock}; nothing sleeps.
 */
class WebhookDeliveryTest {
  static final Duration WAIT = Duration.ofSeconds(90);
  static StepClock clock = new StepClock();
  static Receiver receiver;
  static TestNode node;
  static RestClient rest;
  static WebhookFixture fx;

  @BeforeAll
  static void start() throws Exception {
    receiver = new Receiver();
    node = TestNode.start(Files.createTempDirectory("confero-webhooks"), WebhookFixture.CONFIG, clock);
    rest = new RestClient(node.baseUrl());
    fx = new WebhookFixture(rest, rest.token());
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
    receiver.close();
  }

  @Test
  void deliversSignedEventOnceOnSuccess() throws Exception {
    JsonObject ep = fx.endpoint(receiver.url("once"), "meeting.created", "meeting.ended");
    receiver.secrets("once", ep.getString("secret"));
    String meeting = fx.meeting("once");
    await().atMost(WAIT).until(() -> "delivered".equals(fx.only(ep.getString("id")).getString("status")));
    assertThat(fx.post("/api/v1/meetings/" + meeting + "/end").status()).isEqualTo(200);
    await().atMost(WAIT).until(() -> receiver.hits("once").size() == 2);
    List<Receiver.Hit> hits = receiver.hits("once");
    assertThat(hits).allMatch(Receiver.Hit::signatureValid);
    assertThat(hits).extracting(h -> h.json().getString("type")).containsExactly("meeting.created", "meeting.ended");
    JsonObject created = hits.get(0).json();
    assertThat(created.getString("id")).isEqualTo(hits.get(0).eventId());
    assertThat(created.getString("tenant")).isEqualTo("default");
    assertThat(created.getString("time")).isNotBlank();
    assertThat(created.getJsonObject("data").getString("meeting_id")).isEqualTo(meeting);
    assertThat(created.getJsonObject("data").getString("title")).isEqualTo("once");
    assertThat(hits.get(0).headers().get("confero-signature")).matches("t=\\d+,v1=[0-9a-f]{64}");
    await().atMost(WAIT).until(() -> fx.deliveries(ep.getString("id"), "delivered").size() == 2);
    assertThat(receiver.hits("once")).hasSize(2);
  }

  @Test
  void retriesAfter500sAndATimeoutThenDelivers() throws Exception {
    receiver.script("retry", Receiver.Reply.FAIL_500, Receiver.Reply.FAIL_500, Receiver.Reply.HANG);
    JsonObject ep = fx.endpoint(receiver.url("retry"), "meeting.created");
    receiver.secrets("retry", ep.getString("secret"));
    String id = ep.getString("id");
    fx.meeting("retry");
    for (int attempt = 1; attempt <= 3; attempt++) {
      int n = attempt;
      await().atMost(WAIT).until(() -> fx.only(id).getInteger("attempts", 0) == n);
      assertThat(fx.only(id).getString("status")).isEqualTo("pending");
      clock.advance(Duration.ofMinutes(2));
    }
    assertThat(fx.only(id).getInteger("last_status")).isNull();
    await().atMost(WAIT).until(() -> "delivered".equals(fx.only(id).getString("status")));
    List<Receiver.Hit> hits = receiver.hits("retry");
    assertThat(hits).hasSize(4).allMatch(Receiver.Hit::signatureValid);
    assertThat(hits).extracting(Receiver.Hit::eventId).containsOnly(hits.get(0).eventId());
    assertThat(hits).extracting(h -> h.headers().get("confero-delivery-attempt")).containsExactly("1", "2", "3", "4");
    assertThat(fx.only(id).getInteger("attempts")).isEqualTo(4);
  }

  @Test
  void deadLettersAfterTheWindowAndRedeliversByHand() throws Exception {
    receiver.script("dead", Receiver.Reply.FAIL_500, Receiver.Reply.FAIL_500);
    JsonObject ep = fx.endpoint(receiver.url("dead"), "meeting.created");
    String id = ep.getString("id");
    fx.meeting("dead");
    await().atMost(WAIT).until(() -> fx.only(id).getInteger("attempts", 0) == 1);
    clock.advance(Duration.ofMinutes(11));
    await().atMost(WAIT).until(() -> fx.deliveries(id, "dead").size() == 1);
    JsonObject dead = fx.deliveries(id, "dead").getJsonObject(0);
    assertThat(dead.getInteger("attempts")).isEqualTo(2);
    assertThat(dead.getInteger("last_status")).isEqualTo(500);
    assertThat(receiver.hits("dead")).hasSize(2);
    RestClient.Response r = fx.post("/api/v1/webhooks/" + id + "/deliveries/" + dead.getLong("id") + "/redeliver");
    assertThat(r.status()).as(r.body()).isEqualTo(202);
    await().atMost(WAIT).until(() -> "delivered".equals(fx.only(id).getString("status")));
    assertThat(receiver.hits("dead")).hasSize(3);
    assertThat(fx.post("/api/v1/webhooks/" + id + "/deliveries/" + dead.getLong("id") + "/redeliver").status())
        .isEqualTo(202);
  }

  @Test
  void rotationSignsWithBothSecretsAndAForgeryIsDetected() throws Exception {
    JsonObject ep = fx.endpoint(receiver.url("rotate"), "meeting.ended");
    String id = ep.getString("id");
    String oldSecret = ep.getString("secret");
    RestClient.Response rot = fx.post("/api/v1/webhooks/" + id + "/rotate-secret");
    assertThat(rot.status()).as(rot.body()).isEqualTo(200);
    String newSecret = rot.json().getString("secret");
    assertThat(newSecret).startsWith("whsec_").isNotEqualTo(oldSecret);
    assertThat(rot.json().getString("previous_secret_expires_at")).isNotNull();
    RestClient.Response test = fx.post("/api/v1/webhooks/" + id + "/test");
    assertThat(test.status()).as(test.body()).isEqualTo(202);
    await().atMost(WAIT).until(() -> receiver.hits("rotate").size() == 1);
    Receiver.Hit hit = receiver.hits("rotate").get(0);
    String header = hit.headers().get("confero-signature");
    assertThat(header).matches("t=\\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}");
    assertThat(hit.json().getString("type")).isEqualTo("webhook.test");
    assertThat(hit.eventId()).isEqualTo(test.json().getString("event_id"));
    long t = Long.parseLong(header.substring(2, header.indexOf(',')));
    assertThat(WebhookSignature.verify(header, hit.body(), newSecret, t, 300)).isTrue();
    assertThat(WebhookSignature.verify(header, hit.body(), oldSecret, t, 300)).isTrue();
    assertThat(WebhookSignature.verify(header, hit.body(), "whsec_forged", t, 300)).isFalse();
    byte[] tampered = hit.body().clone();
    tampered[tampered.length - 2] ^= 1;
    assertThat(WebhookSignature.verify(header, tampered, newSecret, t, 300)).isFalse();
  }

  @Test
  void participantJoinAndLeaveOverSignalingAreDeliveredInOrder() throws Exception {
    JsonObject ep = fx.endpoint(receiver.url("people"), "meeting.started", "participant.joined", "participant.left");
    receiver.secrets("people", ep.getString("secret"));
    String meeting = fx.meeting("people");
    RestClient.Response join = rest.authed(rest.token(), "POST", "/api/v1/meetings/" + meeting + "/join",
        "{\"display_name\":\"Ada\"}");
    assertThat(join.status()).as(join.body()).isEqualTo(200);
    String participant = join.json().getString("participant_id");
    java.util.concurrent.CompletableFuture<String> joined = new java.util.concurrent.CompletableFuture<>();
    java.net.http.WebSocket ws = java.net.http.HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(java.net.URI.create(join.json().getJsonObject("media_server").getString("url") + "?token="
            + join.json().getString("session_token")), new java.net.http.WebSocket.Listener() {
              @Override
              public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket w, CharSequence data,
                  boolean last) {
                if (data.toString().contains("\"joined\"")) {
                  joined.complete(data.toString());
                }
                w.request(1);
                return null;
              }
            }).get(60, java.util.concurrent.TimeUnit.SECONDS);
    ws.sendText("{\"type\":\"join\",\"v\":1}", true).get(60, java.util.concurrent.TimeUnit.SECONDS);
    joined.get(60, java.util.concurrent.TimeUnit.SECONDS);
    await().atMost(WAIT).until(() -> receiver.hits("people").size() == 2);
    ws.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "bye").get(60, java.util.concurrent.TimeUnit.SECONDS);
    await().atMost(WAIT).until(() -> receiver.hits("people").size() == 3);
    List<Receiver.Hit> hits = receiver.hits("people");
    assertThat(hits).allMatch(Receiver.Hit::signatureValid);
    assertThat(hits).extracting(h -> h.json().getString("type"))
        .containsExactlyInAnyOrder("meeting.started", "participant.joined", "participant.left");
    assertThat(hits.get(2).json().getString("type")).isEqualTo("participant.left");
    assertThat(hits).allMatch(h -> meeting.equals(h.json().getJsonObject("data").getString("meeting_id")));
    assertThat(hits.get(2).json().getJsonObject("data").getString("participant_id")).isEqualTo(participant);
  }

  @Test
  void endpointsAreManagedOverRest() throws Exception {
    JsonObject ep = fx.endpoint("https://93.184.215.14/confero", "participant.joined", "participant.left");
    String id = ep.getString("id");
    assertThat(ep.getString("secret")).startsWith("whsec_");
    RestClient.Response got = rest.authed(rest.token(), "GET", "/api/v1/webhooks/" + id, null);
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.json().containsKey("secret")).isFalse();
    assertThat(got.json().getJsonArray("events")).containsExactly("participant.joined", "participant.left");
    RestClient.Response list = rest.authed(rest.token(), "GET", "/api/v1/webhooks", null);
    assertThat(list.json().getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("id"))).contains(id);
    RestClient.Response bad = rest.authed(rest.token(), "POST", "/api/v1/webhooks",
        "{\"url\":\"https://hooks.example.com/x\",\"events\":[\"meeting.exploded\"]}");
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.header("Content-Type")).startsWith("application/problem+json");
    RestClient.Response noUrl = rest.authed(rest.token(), "POST", "/api/v1/webhooks", "{\"events\":[\"meeting.ended\"]}");
    assertThat(noUrl.status()).isEqualTo(422);
    RestClient.Response ftp = rest.authed(rest.token(), "POST", "/api/v1/webhooks",
        "{\"url\":\"ftp://hooks.example.com/x\",\"events\":[\"meeting.ended\"]}");
    assertThat(ftp.status()).isEqualTo(422);
    assertThat(rest.authed(rest.token(), "DELETE", "/api/v1/webhooks/" + id, null).status()).isEqualTo(204);
    assertThat(rest.authed(rest.token(), "GET", "/api/v1/webhooks/" + id, null).status()).isEqualTo(404);
    assertThat(rest.authed(rest.token(), "DELETE", "/api/v1/webhooks/" + id, null).status()).isEqualTo(404);
  }
}
