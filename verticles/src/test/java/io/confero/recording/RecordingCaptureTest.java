package io.confero.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.confero.api.RestClient;
import io.confero.app.TestNode;
import io.confero.loadgen.LoadParticipant;
import io.confero.loadgen.MediaClip;
import io.confero.recording.composite.CompositorTest;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Server-side recording end to end without a browser: two load participants publish real VP8 and
 * Opus through the SFU (ICE, DTLS-SRTP); the recording is started and stopped over REST; the SFU
 * worker's recorder consumers capture every track, the compositor makes the MP4, and it is
 * downloaded through its signed link and checked with ffprobe and volumedetect.
 */
class RecordingCaptureTest {
  @TempDir
  Path tmp;

  @Test
  void publishedTracksAreCapturedCompositedAndDownloadable() throws Exception {
    MediaClip clip = MediaClip.generate(tmp.resolve("clip"), 320, 240, 15, 4);
    try (TestNode node = TestNode.start(tmp.resolve("node"), java.util.Map.of());
        LoadParticipant.LoadContext ctx = LoadParticipant.LoadContext.create()) {
      RestClient rest = new RestClient(node.baseUrl());
      String token = rest.token();
      try (TwoPublishers two = TwoPublishers.join(node.baseUrl(), rest, token, ctx, clip)) {
        String m = two.meetingId();
        RestClient.Response started = rest.authed(token, "POST", "/api/v1/meetings/" + m + "/recordings", "{}");
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        String rid = started.json().getString("recording_id");
        Instant at = Instant.parse(started.json().getString("started_at"));
        Path captured = node.dataDir().resolve("recording-work").resolve(rid);
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.isDirectory(captured)
            && Files.list(captured).filter(f -> f.toString().endsWith(".cfrt")).count() >= 5);
        await().atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(at.plusSeconds(5)));
        RestClient.Response stopped = rest.authed(token, "POST", "/api/v1/meetings/" + m + "/recordings/" + rid + "/stop", "{}");
        assertThat(stopped.status()).as(stopped.body()).isEqualTo(200);
        double expected = Duration.between(at, Instant.parse(stopped.json().getString("stopped_at"))).toMillis() / 1000.0;

        JsonObject done = await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).until(
            () -> rest.authed(token, "GET", "/api/v1/meetings/" + m + "/recordings/" + rid, null).json(),
            r -> !r.getString("status").equals("processing"));
        assertThat(done.getString("status")).as(done.encode()).isEqualTo("ready");
        assertThat(done.containsKey("track_failures")).as(done.encode()).isFalse();

        Path mp4 = tmp.resolve("rec.mp4");
        assertThat(rest.download(done.getString("download_url"), mp4)).isEqualTo(200);
        JsonObject probe = Probe.probe(mp4);
        assertThat(Probe.stream(probe, "video").getString("codec_name")).isEqualTo("h264");
        assertThat(Probe.stream(probe, "audio").getString("codec_name")).isEqualTo("aac");
        assertThat(Double.parseDouble(probe.getJsonObject("format").getString("duration"))).isCloseTo(expected,
            org.assertj.core.data.Offset.offset(1.0));
        assertThat(CompositorTest.meanVolume(mp4)).isGreaterThan(-50.0);
        String stats = Probe.ffmpeg(List.of("-i", mp4.toString(), "-vf", "signalstats,metadata=print", "-an", "-f", "null", "-"));
        List<double[]> change = CompositorTest.metadata(stats, "signalstats.YDIF");
        List<double[]> luma = CompositorTest.metadata(stats, "signalstats.YAVG");
        assertThat(change.stream().mapToDouble(f -> f[1]).average().orElse(0)).as("not frozen").isGreaterThan(0.5);
        assertThat(luma.stream().mapToDouble(f -> f[1]).average().orElse(0)).as("not black").isGreaterThan(30);
      }
    }
  }
}
