package io.confero.sfu.cascade;

import static org.assertj.core.api.Assertions.assertThat;
import static io.confero.sfu.NodeMetrics.metrics;
import static io.confero.sfu.NodeMetrics.receivesBoth;
import static io.confero.sfu.NodeMetrics.sample;
import static org.awaitility.Awaitility.await;

import io.confero.api.RestClient;
import io.confero.app.TestNode;
import io.confero.loadgen.LoadParticipant;
import io.confero.loadgen.MediaClip;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cascading end to end without a browser: two Confero nodes (two clustered Vert.x instances,
 * Hazelcast TCP-IP join on loopback, one PostgreSQL — node A's, reached by B as an external
 * database) with {@code cluster.cascade} on. A load participant (real REST, signaling, ICE,
 * DTLS-SRTP, VP8 + Opus) joins through each node's API; each is served by that node and receives
 * the other's video frames and audio, which can only have crossed the encrypted node-to-node link
 * (counted on each node's /metrics).
 */
class CascadeLoadTest {
  @TempDir
  Path tmp;

  @Test
  void participantsOnTwoNodesReceiveEachOther() throws Exception {
    MediaClip clip = MediaClip.generate(tmp.resolve("clip"), 320, 240, 15, 4);
    String cluster = "cascade-" + java.util.UUID.randomUUID();
    int clusterPort = TestNode.freePort();
    int dbPort = TestNode.freePort();
    try (TestNode a = TestNode.start(tmp.resolve("a"), Map.of("CONFERO_CLUSTER_NAME", cluster,
        "CONFERO_CLUSTER_PORT", Integer.toString(clusterPort), "CONFERO_CLUSTER_CASCADE", "true",
        "CONFERO_DATABASE_EMBEDDED_PORT", Integer.toString(dbPort)));
        TestNode b = TestNode.start(tmp.resolve("b"), nodeB(cluster, clusterPort, dbPort));
        LoadParticipant.LoadContext ctx = LoadParticipant.LoadContext.create()) {
      RestClient rest = new RestClient(a.baseUrl());
      JsonObject meeting = rest.authed(rest.token(), "POST", "/api/v1/meetings",
          "{\"title\":\"Cascade\",\"type\":\"instant\"}").json();
      String code = meeting.getString("join_url").substring(meeting.getString("join_url").lastIndexOf('/') + 1);
      LoadParticipant ada = new LoadParticipant("Ada", ctx, clip);
      LoadParticipant bob = new LoadParticipant("Bob", ctx, clip);
      try {
        ada.join(a.baseUrl(), code).get(60, TimeUnit.SECONDS);
        bob.join(b.baseUrl(), code).get(60, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
            .until(() -> receivesBoth(ada, bob.participantId()) && receivesBoth(bob, ada.participantId()));

        String onA = metrics(a);
        String onB = metrics(b);
        assertThat(sample(onA, "confero_sfu_cascade_packets_total\\{to=\"[^\"]+\",worker=\"0\"}")).as(onA)
            .isGreaterThan(50);
        assertThat(sample(onB, "confero_sfu_cascade_packets_total\\{to=\"[^\"]+\",worker=\"0\"}")).as(onB)
            .isGreaterThan(50);
        assertThat(sample(onA, "confero_sfu_cascade_received_total\\{worker=\"0\"}")).isGreaterThan(50);
        assertThat(sample(onB, "confero_sfu_cascade_received_total\\{worker=\"0\"}")).isGreaterThan(50);
      } finally {
        ada.close();
        bob.close();
      }
    }
  }

  /** Node B: the same cluster (joining A's member), A's PostgreSQL as an external database. */
  private Map<String, String> nodeB(String cluster, int clusterPort, int dbPort) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("CONFERO_CLUSTER_NAME", cluster);
    env.put("CONFERO_CLUSTER_MEMBERS", "127.0.0.1:" + clusterPort);
    env.put("CONFERO_CLUSTER_PORT", Integer.toString(TestNode.freePort()));
    env.put("CONFERO_CLUSTER_CASCADE", "true");
    env.put("CONFERO_DATABASE_MODE", "external");
    env.put("CONFERO_DATABASE_HOST", "127.0.0.1");
    env.put("CONFERO_DATABASE_PORT", Integer.toString(dbPort));
    env.put("CONFERO_DATABASE_NAME", "postgres");
    env.put("CONFERO_DATABASE_USER", "postgres");
    env.put("CONFERO_DATABASE_PASSWORD", Files.readString(tmp.resolve("a/postgres/confero-password")).strip());
    return env;
  }
}
