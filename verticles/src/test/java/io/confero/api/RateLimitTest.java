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
