package io.confero.sfu.pipe;

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
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Worker pipes end to end without a browser: a node with two SFU workers that spreads a meeting
 * from its second participant ({@code sfu.spread_threshold = 1}); two load participants (real
 * REST, signaling, ICE, DTLS-SRTP, VP8 + Opus) land on different workers and each receives the
 * other's video frames and audio, which can only have crossed the pipes (counted on /metrics).
 */
class WorkerPipesLoadTest {
  @TempDir
  Path tmp;

  @Test
  void twoPublishersOnDifferentWorkersReceiveEachOther() throws Exception {
    MediaClip clip = MediaClip.generate(tmp.resolve("clip"), 320, 240, 15, 4);
    try (TestNode node = TestNode.start(tmp.resolve("node"),
        Map.of("CONFERO_SFU_WORKERS", "2", "CONFERO_SFU_SPREAD_THRESHOLD", "1"));
        LoadParticipant.LoadContext ctx = LoadParticipant.LoadContext.create()) {
      RestClient rest = new RestClient(node.baseUrl());
      JsonObject meeting = rest.authed(rest.token(), "POST", "/api/v1/meetings",
          "{\"title\":\"Pipes\",\"type\":\"instant\"}").json();
      String code = meeting.getString("join_url").substring(meeting.getString("join_url").lastIndexOf('/') + 1);
      LoadParticipant ada = new LoadParticipant("Ada", ctx, clip);
      LoadParticipant bob = new LoadParticipant("Bob", ctx, clip);
      try {
        ada.join(node.baseUrl(), code).get(60, TimeUnit.SECONDS);
        bob.join(node.baseUrl(), code).get(60, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
            .until(() -> receivesBoth(ada, bob.participantId()) && receivesBoth(bob, ada.participantId()));

        String metrics = metrics(node);
        assertThat(sample(metrics, "confero_sfu_placements_total\\{worker=\"0\"}")).as(metrics).isEqualTo(1);
        assertThat(sample(metrics, "confero_sfu_placements_total\\{worker=\"1\"}")).as(metrics).isEqualTo(1);
        assertThat(sample(metrics, "confero_sfu_pipe_packets_total\\{from=\"0\",to=\"1\"}")).isGreaterThan(50);
        assertThat(sample(metrics, "confero_sfu_pipe_packets_total\\{from=\"1\",to=\"0\"}")).isGreaterThan(50);
        assertThat(sample(metrics, "confero_sfu_worker_piped_meetings\\{worker=\"0\"}")).isEqualTo(1);
      } finally {
        ada.close();
        bob.close();
      }
    }
  }
}
