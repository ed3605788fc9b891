package io.confero.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.app.TestNode;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The home page's meeting creation when the operator turned it off, and its per-address budget. */
class WebCreateLimitsTest {

  @Test
  void openCreateOffAnswers403AndCreatesNothing() throws Exception {
    try (TestNode node = TestNode.start(Files.createTempDirectory("confero-web-off"),
        Map.of("CONFERO_WEB_OPEN_CREATE", "false"))) {
      RestClient rest = new RestClient(node.baseUrl());
      RestClient.Response r = rest.send("POST", "/web/meetings", "{\"title\":\"Nope\"}");
      assertThat(r.status()).isEqualTo(403);
      assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
      assertThat(r.json().getString("type")).isEqualTo(Problems.TYPE_PREFIX + "open-create-disabled");
      RestClient.Response list = rest.authed(rest.token(), "GET", "/api/v1/meetings", null);
      assertThat(list.json().getJsonArray("data")).isEmpty();
      // the API still creates meetings
      assertThat(rest.authed(rest.token(), "POST", "/api/v1/meetings", "{}").status()).isEqualTo(201);
    }
  }

  @Test
  void createsBeyondTheBudgetAnswer429() throws Exception {
    try (TestNode node = TestNode.start(Files.createTempDirectory("confero-web-rl"),
        Map.of("CONFERO_WEB_CREATE_RATE_LIMIT_PER_MINUTE", "3"))) {
      RestClient rest = new RestClient(node.baseUrl());
      // windows are whole minutes: start early in one so the burst below cannot straddle two
      org.awaitility.Awaitility.await("early in a minute").atMost(java.time.Duration.ofSeconds(40))
          .until(() -> java.time.LocalTime.now(java.time.ZoneOffset.UTC).getSecond() < 40);
      int created = 0;
      RestClient.Response last = null;
      for (int i = 0; i < 5; i++) {
        last = rest.send("POST", "/web/meetings", "{\"title\":\"Burst\"}");
        if (last.status() == 201) {
          created++;
        }
      }
      assertThat(created).isEqualTo(3);
      assertThat(last.status()).isEqualTo(429);
      assertThat(last.header("Content-Type")).isEqualTo("application/problem+json");
      assertThat(last.header("Retry-After")).isNotNull();
      assertThat(last.json().getString("type")).isEqualTo(Problems.TYPE_PREFIX + "rate-limited");
      // the integrator API has its own budget
      assertThat(rest.authed(rest.token(), "GET", "/api/v1/meetings", null).status()).isEqualTo(200);
    }
  }
}
