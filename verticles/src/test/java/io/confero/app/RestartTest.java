package io.confero.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.api.RestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The embedded PostgreSQL keeps its data folder: a meeting created before a restart is there after it. */
class RestartTest {
  @Test
  void meetingSurvivesRestart() throws Exception {
    Path dir = Files.createTempDirectory("confero-restart");
    String id;
    try (TestNode first = TestNode.start(dir, Map.of())) {
      RestClient rest = new RestClient(first.baseUrl());
      id = rest.authed(rest.token(), "POST", "/api/v1/meetings", "{\"title\":\"Survivor\"}").json().getString("meeting_id");
    }
    try (TestNode second = TestNode.start(dir, Map.of())) {
      RestClient rest = new RestClient(second.baseUrl());
      RestClient.Response r = rest.authed(rest.token(), "GET", "/api/v1/meetings/" + id, null);
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.json().getString("title")).isEqualTo("Survivor");
    }
  }
}
