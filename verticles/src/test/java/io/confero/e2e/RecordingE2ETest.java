package io.confero.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.api.RestClient;
import io.confero.recording.Probe;
import io.confero.recording.composite.CompositorTest;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Server-side recording of a call between two headless Chromium participants (their fake camera
 * and microphone) through the web client: both see the REC indicator when it starts over REST; the
 * MP4 composited after the stop is H.264 + AAC of the recording's length, neither frozen, black
 * nor silent. No browser records anything: the SFU captures what it forwards.
 */
@EndToEnd
class RecordingE2ETest {
  static final Duration MEDIA_TIMEOUT = Duration.ofSeconds(90);

  @RegisterExtension
  static final Browsers browsers = new Browsers();

  @RegisterExtension
  static final RunningServer server = new RunningServer();

  @Test
  void aRecordedCallBecomesAnMp4() throws Exception {
    E2EServer.Meeting meeting = server.createMeeting("Recorded call");
    BrowserSession ada = MeetingMediaE2ETest.join(browsers, server, "Ada", meeting);
    BrowserSession grace = MeetingMediaE2ETest.join(browsers, server, "Grace", meeting);
    MediaAwait.awaitFramesDecodedRising(ada, 1, MEDIA_TIMEOUT);
    MediaAwait.awaitFramesDecodedRising(grace, 1, MEDIA_TIMEOUT);

    RestClient rest = server.rest();
    String path = "/api/v1/meetings/" + meeting.id() + "/recordings";
    RestClient.Response started = rest.authed(server.token(), "POST", path, "{}");
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    String rid = started.json().getString("recording_id");
    Instant at = Instant.parse(started.json().getString("started_at"));
    for (BrowserSession b : List.of(ada, grace)) {
      Awaitility.await(b.name() + " sees the REC indicator").atMost(Duration.ofSeconds(20))
          .until(() -> b.find("#rec-indicator").isDisplayed());
    }
    Awaitility.await("10 s recorded").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
        .until(() -> Instant.now().isAfter(at.plusSeconds(10)));
    RestClient.Response stopped = rest.authed(server.token(), "POST", path + "/" + rid + "/stop", "{}");
    assertThat(stopped.status()).as(stopped.body()).isEqualTo(200);
    double expected = Duration.between(at, Instant.parse(stopped.json().getString("stopped_at"))).toMillis() / 1000.0;
    Awaitility.await("indicator off").atMost(Duration.ofSeconds(20)).until(() -> !ada.find("#rec-indicator").isDisplayed());

    JsonObject done = Awaitility.await("composited").atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofSeconds(2))
        .until(() -> rest.authed(server.token(), "GET", path + "/" + rid, null).json(),
            r -> !r.getString("status").equals("processing"));
    assertThat(done.getString("status")).as(done.encode()).isEqualTo("ready");
    Path mp4 = Files.createTempFile("recording-e2e", ".mp4");
    HttpResponse<Path> dl = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(done.getString("download_url"))).build(), HttpResponse.BodyHandlers.ofFile(mp4));
    assertThat(dl.statusCode()).isEqualTo(200);
    JsonObject probe = Probe.probe(mp4);
    assertThat(Probe.stream(probe, "video").getString("codec_name")).isEqualTo("h264");
    assertThat(Probe.stream(probe, "audio").getString("codec_name")).isEqualTo("aac");
    assertThat(Double.parseDouble(probe.getJsonObject("format").getString("duration")))
        .isCloseTo(expected, org.assertj.core.data.Offset.offset(1.0));
    assertThat(CompositorTest.meanVolume(mp4)).as("not silent").isGreaterThan(-50.0);
    String stats = Probe.ffmpeg(List.of("-i", mp4.toString(), "-vf", "signalstats,metadata=print", "-an", "-f", "null", "-"));
    double change = CompositorTest.metadata(stats, "signalstats.YDIF").stream().mapToDouble(f -> f[1]).average().orElse(0);
    // not black: Chromium's fake camera is green mostly through chroma (its luma cycles down to ~0),
    // so "picture" is chroma away from neutral (black is U = V = 128) or clear luma
    double u = CompositorTest.metadata(stats, "signalstats.UAVG").stream().mapToDouble(f -> f[1]).average().orElse(128);
    double v = CompositorTest.metadata(stats, "signalstats.VAVG").stream().mapToDouble(f -> f[1]).average().orElse(128);
    double luma = CompositorTest.metadata(stats, "signalstats.YAVG").stream().mapToDouble(f -> f[1]).average().orElse(0);
    double colour = Math.abs(u - 128) + Math.abs(v - 128);
    System.out.printf("E2E recording: %.2f s expected, mean YDIF %.2f, YAVG %.1f, chroma distance %.1f%n", expected,
        change, luma, colour);
    assertThat(change).as("not frozen").isGreaterThan(0.1);
    assertThat(colour > 10 || luma > 40).as("not black").isTrue();
  }
}
