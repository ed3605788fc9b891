package io.confero.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Chromium's send-side bandwidth estimate (GoogCC) must climb above its 300 kbps start when it
 * sends through our SFU: only our transport-wide-cc feedback can make it rise, so an estimate
 * stuck at the start value means the feedback is missing or wrong.
 *
 * <p>The camera is a noisy ffmpeg test pattern played as Chromium's fake capture device: the
 * default fake camera is so compressible that VP8 sends ~100 kbps, and GoogCC never lets its
 * estimate run far ahead of what the sender actually sends (the estimate then sits at ~1.5× the
 * acknowledged rate, which reads like a low estimate but is correct).
 */
@EndToEnd
class BandwidthEstimateE2ETest {
  static final long START_BPS = 300_000;
  static final long RISEN_BPS = 450_000;

  @RegisterExtension
  static final Browsers browsers = new Browsers();
  static E2EServer server;
  static Path camera;

  @BeforeAll
  static void start() throws Exception {
    camera = Path.of(System.getProperty("basedir", "."), "target", "noisy-640x480.y4m");
    if (!Files.exists(camera)) {
      Process p = new ProcessBuilder("ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
          "testsrc2=size=640x480:rate=30,noise=alls=20:allf=t+u", "-t", "3", "-pix_fmt", "yuv420p",
          camera.toString()).inheritIO().start();
      assertThat(p.waitFor()).as("ffmpeg writes the test camera").isZero();
    }
    server = E2EServer.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  /** The publisher's estimate and what its video encoder does, from one getStats(). */
  static final String SAMPLE = """
      const done = arguments[arguments.length - 1];
      window.confero.publisher.getStats().then(r => {
        const o = {};
        r.forEach(s => {
          if (s.type === 'candidate-pair' && s.nominated) o.bwe = s.availableOutgoingBitrate;
          if (s.type === 'outbound-rtp' && s.kind === 'video') {
            o.bytesSent = s.bytesSent; o.limitation = s.qualityLimitationReason; o.width = s.frameWidth;
            o.fps = s.framesPerSecond; o.target = s.targetBitrate; o.nacks = s.nackCount;
          }
          if (s.type === 'remote-inbound-rtp' && s.kind === 'video') { o.fractionLost = s.fractionLost; }
        });
        done(JSON.stringify(o));
      });
      """;

  @Test
  void publishersEstimateRisesAboveTheStartBitrate() throws Exception {
    E2EServer.Meeting meeting = server.createMeeting("Bandwidth estimate");
    List<BrowserSession> people = new ArrayList<>();
    for (String name : List.of("Ada", "Grace")) {
      BrowserSession b = browsers.launch(name, o -> o.addArguments("--use-file-for-fake-video-capture=" + camera));
      b.open(server.joinUrl(meeting));
      b.find("#name").clear();
      b.find("#name").sendKeys(name);
      b.find("#join-btn").click();
      Awaitility.await(name + " joined").atMost(Duration.ofSeconds(60)).until(() -> "joined".equals(b.conferoState()));
      people.add(b);
    }
    for (BrowserSession b : people) {
      MediaAwait.awaitFramesDecodedRising(b, 1, Duration.ofSeconds(90));
    }
    Map<String, Long> best = new HashMap<>();
    Awaitility.await("every publisher's estimate rises above " + RISEN_BPS + " bps; best so far " + best)
        .atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).until(() -> {
          for (BrowserSession b : people) {
            JsonObject s = new JsonObject((String) b.executeAsync(SAMPLE));
            System.out.println("BWE " + b.name() + " " + s.encode());
            best.merge(b.name(), s.getLong("bwe", 0L), Math::max);
          }
          return best.size() == people.size() && best.values().stream().allMatch(v -> v > RISEN_BPS);
        });
    assertThat(best.values()).allMatch(v -> v > START_BPS);
  }
}
