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
 * Video adapts to the network and to what receivers show.
 *
 * <p>Chromium's send-side bandwidth estimate (GoogCC) must climb above its 300 kbps start when it
 * sends through our SFU: only our transport-wide-cc feedback can make it rise, so an estimate
 * stuck at the start value means the feedback is missing or wrong.
 *
 * <p>The camera is a noisy ffmpeg test pattern played as Chromium's fake capture device: the
 * default fake camera is so compressible that VP8 sends ~100 kbps, and GoogCC never lets its
 * estimate run far ahead of what the sender actually sends (the estimate then sits at ~1.5× the
 * acknowledged rate, which reads like a low estimate but is correct).
 *
 * <p>Receiver-driven quality with simulcast: when the only receiver shows a camera small, the SFU
 * forwards it the low layer; when it does not show it at all, the SFU stops forwarding it there
 * (and the publisher keeps its lowest layer as a trickle).
 */
@EndToEnd
class AdaptiveVideoE2ETest {
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

  static List<BrowserSession> joinTwo(String title) throws Exception {
    E2EServer.Meeting meeting = server.createMeeting(title);
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
    return people;
  }

  /** The publisher's camera encodings (all simulcast layers): the largest frame height and frames encoded so far. */
  static JsonObject cameraOut(BrowserSession b) throws Exception {
    return new JsonObject((String) b.executeAsync("""
        const done = arguments[arguments.length - 1];
        window.confero.publisher.getStats().then(r => {
          const o = {height: 0, encoded: 0};
          r.forEach(s => { if (s.type === 'outbound-rtp' && s.kind === 'video') {
            o.height = Math.max(o.height, s.frameHeight || 0); o.encoded += s.framesEncoded || 0; } });
          done(JSON.stringify(o));
        });
        """));
  }

  @Test
  void receiverGetsTheLayerItShowsAndNothingWhenHidden() throws Exception {
    List<BrowserSession> people = joinTwo("Receiver-driven quality");
    BrowserSession ada = people.get(0);
    BrowserSession grace = people.get(1);
    String adaId = (String) ada.execute("return window.confero.selfId;");
    MediaAwait.awaitFramesDecodedRising(grace, 1, Duration.ofSeconds(90));
    // Ada's 640x480 camera goes out as two simulcast layers (240 and 480 lines)
    Awaitility.await("Grace gets Ada's full layer while she shows her large").atMost(Duration.ofSeconds(60))
        .until(() -> SimulcastE2ETest.decoded(grace, adaId).getInteger("height", 0) >= 360);
    // Grace shrinks her window: Ada's tile there is a few hundred pixels, the low layer is enough
    grace.driver().manage().window().setSize(new org.openqa.selenium.Dimension(400, 300));
    Awaitility.await("Grace gets Ada's low layer").atMost(Duration.ofSeconds(60))
        .until(() -> between(SimulcastE2ETest.decoded(grace, adaId).getInteger("height", 0), 1, 240));
    // Grace hides Ada's tile: the SFU stops forwarding Ada's camera to her (she decodes nothing)
    grace.execute("document.querySelector(`.tile[data-participant-id='${arguments[0]}']`).style.display = 'none';", adaId);
    long[] last = {-1};
    Awaitility.await("Grace stops receiving Ada's video").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(3))
        .until(() -> {
          long now = grace.subscriber().sample().inboundVideo().stream().mapToLong(PeerStats.InboundVideo::framesDecoded).sum();
          boolean stopped = now == last[0];
          last[0] = now;
          return stopped;
        });
    long encoded = cameraOut(ada).getInteger("encoded");
    Awaitility.await("Ada keeps a small trickle").atMost(Duration.ofSeconds(30))
        .until(() -> cameraOut(ada).getInteger("encoded") > encoded);
    grace.execute("document.querySelector(`.tile[data-participant-id='${arguments[0]}']`).style.display = '';", adaId);
    grace.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 800));
    MediaAwait.awaitFramesDecodedRising(grace, 1, Duration.ofSeconds(60));
    Awaitility.await("Grace gets Ada's full layer again").atMost(Duration.ofSeconds(60))
        .until(() -> SimulcastE2ETest.decoded(grace, adaId).getInteger("height", 0) >= 360);
  }

  static boolean between(int v, int min, int max) {
    return v >= min && v <= max;
  }

  @Test
  void publishersEstimateRisesAboveTheStartBitrate() throws Exception {
    List<BrowserSession> people = joinTwo("Bandwidth estimate");
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
