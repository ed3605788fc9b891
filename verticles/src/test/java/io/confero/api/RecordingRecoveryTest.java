package io.confero.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.confero.app.ChildNode;
import io.confero.app.TestNode;
import io.confero.loadgen.LoadParticipant;
import io.confero.loadgen.MediaClip;
import io.confero.recording.Probe;
import io.confero.recording.TwoPublishers;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a node mid-recording: a node in a child JVM captures two load participants'
 * VP8 and Opus through its SFU and is killed with SIGKILL (no shutdown hook, no last flush, its
 * chunks never uploaded, the embedded PostgreSQL left as a crash leaves it). After a restart on
 * the same data folder the recording is stopped as partial, the chunks the capture had flushed
 * are uploaded and composited, and it becomes ready: an MP4 of about as long as was recorded.
 */
class RecordingRecoveryTest {
  @TempDir
  Path tmp;

  @Test
  void aRecordingCutShortByKillNineIsCompositedAsPartial() throws Exception {
    Path data = tmp.resolve("node");
    MediaClip clip = MediaClip.generate(tmp.resolve("clip"), 320, 240, 15, 4);
    String m;
    String rid;
    Instant at;
    Instant killed;
    Path work;
    ChildNode child = ChildNode.start(TestNode.env(data, Map.of()));
    try (LoadParticipant.LoadContext ctx = LoadParticipant.LoadContext.create()) {
      child.awaitHealthy(Duration.ofSeconds(180));
      RestClient rest = new RestClient(child.baseUrl());
      String token = rest.token();
      try (TwoPublishers two = TwoPublishers.join(child.baseUrl(), rest, token, ctx, clip)) {
        m = two.meetingId();
        RestClient.Response started = rest.authed(token, "POST", "/api/v1/meetings/" + m + "/recordings", "{}");
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        rid = started.json().getString("recording_id");
        at = Instant.parse(started.json().getString("started_at"));
        work = data.resolve("recording-work").resolve(rid);
        Path dir = work;
        await("chunks flushed for 6 s").atMost(Duration.ofSeconds(60)).until(() -> Instant.now().isAfter(at.plusSeconds(6))
            && Files.isDirectory(dir) && Files.list(dir).filter(f -> f.toString().endsWith(".cfrt")).count() >= 5);
        killed = Instant.now();
        child.kill9();
      }
    } finally {
      child.kill9();
    }
    double recordedBeforeKill = Duration.between(at, killed).toMillis() / 1000.0;

    try (TestNode node = TestNode.start(data, Map.of())) {
      RestClient rest = new RestClient(node.baseUrl());
      String token = rest.token();
      JsonObject done = await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).until(
          () -> rest.authed(token, "GET", "/api/v1/meetings/" + m + "/recordings/" + rid, null).json(),
          r -> r.getString("status").equals("ready") || r.getString("status").equals("failed"));
      assertThat(done.getString("status")).as(done.encode()).isEqualTo("ready");
      assertThat(done.getBoolean("partial")).isTrue();
      // the capture flushes every 2 s: at most that much (and the kill's own moment) is lost
      assertThat(done.getDouble("duration_seconds")).as(done.encode()).isBetween(recordedBeforeKill - 3.5,
          recordedBeforeKill + 0.5);
      assertThat(Files.list(work).count()).as("leftovers uploaded").isZero();
      Path mp4 = tmp.resolve("partial.mp4");
      assertThat(rest.download(done.getString("download_url"), mp4)).isEqualTo(200);
      JsonObject probe = Probe.probe(mp4);
      assertThat(Probe.stream(probe, "video").getString("codec_name")).isEqualTo("h264");
      assertThat(Probe.stream(probe, "audio").getString("codec_name")).isEqualTo("aac");
    }
  }
}
