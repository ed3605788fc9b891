package io.confero.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.api.RestClient;
import io.confero.app.TestNode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad signaling input over a raw WebSocket gets an error with a stable code (docs/protocol.md),
 * and never disturbs another participant of the same meeting.
 */
class SignalingBadInputTest {
  static TestNode node;
  static RestClient rest;
  static String code;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start();
    rest = new RestClient(node.baseUrl());
    code = rest.authed(rest.token(), "POST", "/api/v1/meetings", "{\"title\":\"ws\"}").json().getString("join_code");
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  static JsonObject seat(String name) throws Exception {
    return rest.send("POST", "/j/" + code + "/join", new JsonObject().put("display_name", name).encode()).json();
  }

  static String wsUrl(String token) {
    return "ws://127.0.0.1:" + node.node().signalingPort() + "/ws" + (token == null ? "" : "?token=" + token);
  }

  @Test
  void missingOrTamperedTokenIsRefused() throws Exception {
    try (WsClient ws = WsClient.connect(wsUrl(null))) {
      assertThat(ws.nextError()).isEqualTo("unauthorized");
      assertThat(ws.awaitClose()).isEqualTo(4401);
    }
    String token = seat("Mallory").getString("session_token");
    String tampered = token.substring(0, token.length() - 3) + (token.endsWith("AAA") ? "BBB" : "AAA");
    try (WsClient ws = WsClient.connect(wsUrl(tampered))) {
      assertThat(ws.nextError()).isEqualTo("unauthorized");
      assertThat(ws.awaitClose()).isEqualTo(4401);
    }
  }

  @Test
  void badFramesGetStableCodesAndOthersAreUnaffected() throws Exception {
    try (WsClient bystander = WsClient.connect(wsUrl(seat("Bystander").getString("session_token")));
        WsClient ws = WsClient.connect(wsUrl(seat("Fuzzy").getString("session_token")))) {
      bystander.send(new JsonObject().put("type", "join").put("v", 1));
      bystander.next("joined");

      ws.send("this is not json");
      assertThat(ws.nextError()).isEqualTo("bad-message");
      ws.send("[1,2,3]");
      assertThat(ws.nextError()).isEqualTo("bad-message");
      ws.send(new JsonObject().put("type", "dance"));
      assertThat(ws.nextError()).isEqualTo("unknown-type");
      ws.send(new JsonObject().put("type", 7));
      assertThat(ws.nextError()).isEqualTo("bad-message");
      ws.send(new JsonObject().put("type", "publish").put("sdp", "v=0"));
      assertThat(ws.nextError()).isEqualTo("not-joined");

      ws.send(new JsonObject().put("type", "join").put("v", 1).put("id", "j1"));
      JsonObject joined = ws.next("joined");
      assertThat(joined.getInteger("v")).isEqualTo(1);
      assertThat(joined.getJsonArray("participants")).hasSize(1);
      assertThat(bystander.next("participant_joined").getJsonObject("participant").getString("display_name"))
          .isEqualTo("Fuzzy");

      ws.send(new JsonObject().put("type", "join").put("v", 1));
      assertThat(ws.nextError()).isEqualTo("already-joined");
      ws.send(new JsonObject().put("type", "publish").put("sdp", "v=0\r\nnonsense\r\n").put("id", "p1"));
      JsonObject err = ws.next("error");
      assertThat(err.getString("code")).isEqualTo("bad-sdp");
      assertThat(err.getString("ref")).isEqualTo("p1");
      ws.send(new JsonObject().put("type", "publish").put("sdp", 42));
      assertThat(ws.nextError()).isEqualTo("bad-message");
      ws.send(new JsonObject().put("type", "mute").put("kind", "smell").put("muted", true));
      assertThat(ws.nextError()).isEqualTo("bad-message");
      ws.send(new JsonObject().put("type", "subscribe_answer").put("sdp", "v=0"));
      assertThat(ws.nextError()).isEqualTo("bad-message");
      ws.send(new JsonObject().put("type", "trickle").put("target", "nowhere"));
      assertThat(ws.nextError()).isEqualTo("bad-message");

      for (int i = 0; i < 120; i++) {
        ws.send(new JsonObject().put("type", "ping"));
      }
      assertThat(ws.nextError()).isEqualTo("rate-limited");

      ws.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(70 * 1024) + "\"}");
      assertThat(ws.awaitClose()).isEqualTo(1009);

      assertThat(bystander.next("participant_left").getString("participant_id"))
          .isEqualTo(joined.getJsonObject("self").getString("participant_id"));
      bystander.send(new JsonObject().put("type", "ping"));
      assertThat(bystander.next("pong")).isNotNull();
    }
  }
}
