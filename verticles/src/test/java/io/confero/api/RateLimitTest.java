package io.confero.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.app.TestNode;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Requests beyond the per-key budget get 429 with Retry-After, in-process and on a real Redis. */
class RateLimitTest {

  @Test
  void inProcessLimitAnswers429() throws Exception {
    try (TestNode node = TestNode.start(Files.createTempDirectory("confero-rl"),
        Map.of("CONFERO_API_RATE_LIMIT_PER_MINUTE", "5"))) {
      assertLimited(node);
    }
  }

  @Test
  void redisLimitAnswers429() throws Exception {
    int port;
    try (var s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    redis.embedded.RedisServer redis = new redis.embedded.RedisServer(port);
    redis.start();
    try (TestNode node = TestNode.start(Files.createTempDirectory("confero-rl-redis"),
        Map.of("CONFERO_API_RATE_LIMIT_PER_MINUTE", "5", "CONFERO_REDIS_URL", "redis://127.0.0.1:" + port))) {
      assertLimited(node);
    } finally {
      redis.stop();
    }
  }

  /**
   * Join admission control: with the clock standing still a node admits exactly its burst of joins;
   * the next guest gets 429 {@code join-rate-limited} with a Retry-After, while everything else
   * (the integrator API, meetings in progress) is served as before.
   */
  @Test
  void joinsBeyondTheNodesJoinRateAreAnswered429WithRetryAfter() throws Exception {
    try (TestNode node = TestNode.start(Files.createTempDirectory("confero-admission"),
        Map.of("CONFERO_API_JOIN_RATE_PER_SECOND", "2", "CONFERO_API_JOIN_BURST", "3"),
        java.time.Clock.fixed(java.time.Instant.now(), java.time.ZoneOffset.UTC))) {
      RestClient rest = new RestClient(node.baseUrl());
      String token = rest.token();
      io.vertx.core.json.JsonObject m = rest.authed(token, "POST", "/api/v1/meetings", "{\"title\":\"All hands\"}").json();
      String join = "/j/" + m.getString("join_code") + "/join";
      for (int i = 0; i < 3; i++) {
        assertThat(rest.send("POST", join, "{\"display_name\":\"Guest " + i + "\"}", "Content-Type", "application/json")
            .status()).as("join " + i).isEqualTo(200);
      }
      RestClient.Response refused = rest.send("POST", join, "{\"display_name\":\"Guest 4\"}",
          "Content-Type", "application/json");
      assertThat(refused.status()).isEqualTo(429);
      assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
      assertThat(refused.header("Retry-After")).isEqualTo("1");
      assertThat(refused.json().getString("type")).endsWith("/join-rate-limited");
      RestClient.Response integrator = rest.authed(token, "POST", "/api/v1/meetings/" + m.getString("meeting_id")
          + "/join", "{\"display_name\":\"Uma\",\"role\":\"participant\",\"user_id\":\"u-1\"}");
      assertThat(integrator.status()).as("integrator joins are admitted by the same bucket").isEqualTo(429);
      assertThat(rest.authed(token, "GET", "/api/v1/meetings/" + m.getString("meeting_id"), null).status())
          .as("the rest of the API is served").isEqualTo(200);
    }
  }

  private static void assertLimited(TestNode node) throws Exception {
    RestClient rest = new RestClient(node.baseUrl());
    // windows are whole minutes: start early in one so the burst below cannot straddle two
    org.awaitility.Awaitility.await("early in a minute").atMost(java.time.Duration.ofSeconds(40))
        .until(() -> java.time.LocalTime.now(java.time.ZoneOffset.UTC).getSecond() < 40);
    String token = rest.token();
    int ok = 0;
    RestClient.Response last = null;
    for (int i = 0; i < 8; i++) {
      last = rest.authed(token, "GET", "/api/v1/meetings", null);
      if (last.status() == 200) {
        ok++;
      }
    }
    assertThat(ok).isLessThanOrEqualTo(5);
    assertThat(last.status()).isEqualTo(429);
    assertThat(last.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(last.header("Retry-After")).isNotNull();
    assertThat(last.json().getString("type")).endsWith("/rate-limited");
  }
}
