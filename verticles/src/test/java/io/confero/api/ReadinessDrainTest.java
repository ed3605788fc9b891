package io.confero.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.app.TestNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readiness while a node drains: ready (200) while serving, 503 with the {@code draining} check
 * down once shutdown starts, while liveness stays up (Kubernetes must not restart a draining pod).
 */
class ReadinessDrainTest {
  @TempDir
  Path tmp;

  @Test
  void readinessTurnsUnreadyWhenTheNodeStartsDraining() throws Exception {
    try (TestNode node = TestNode.start(tmp, Map.of())) {
      RestClient rest = new RestClient(node.baseUrl());
      assertThat(rest.send("GET", "/readiness", null).status()).isEqualTo(200);
      node.node().api().startDraining();
      RestClient.Response ready = rest.send("GET", "/readiness", null);
      assertThat(ready.status()).isEqualTo(503);
      assertThat(ready.body()).contains("draining").contains("the node is shutting down");
      assertThat(rest.send("GET", "/health", null).status()).isEqualTo(200);
    }
  }
}
