package io.confero.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.loadgen.LoadParticipant;
import io.confero.loadgen.MediaClip;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;

/**
 * 49 cameras (issue 17): one Chromium (Ada, microphone off) and 49 load-generator participants that
 * each publish a camera and show no video themselves (they report every tile at height 0, so the
 * SFU forwards them none). Ada's gallery pages: page one holds 7 × 7 named tiles (her own and 48
 * cameras) and decodes their video; on page two, which holds the 50th tile, only that camera's
 * video still arrives (getStats: bytes received grow on one video stream), because off-page tiles
 * report height 0 and the SFU stops forwarding them; back on page one the 48 resume. Participant
 * events are batched from the 21st connection on ({@code signaling.batch_above} 20), so the page
 * builds its gallery from {@code participants_changed} frames too. The SFU's forwarded packets a
 * second on each page are printed.
 */
@EndToEnd
class GalleryE2ETest {
  static final Duration MEDIA_TIMEOUT = Duration.ofSeconds(180);
  static final int CAMERAS = 49;
  /** Cameras that join at once. */
  static final int WAVE = 7;
  static final String ON_PAGE = "#gallery > .tile:not(.off-page)";

  @RegisterExtension
  static final Browsers browsers = new Browsers();

  @RegisterExtension
  static final RunningServer server = new RunningServer(java.util.Map.of("CONFERO_SIGNALING_BATCH_ABOVE", "20"))
      .printingSfuMetrics();

  @RegisterExtension
  static final LoadGenerator loadGenerator = new LoadGenerator();

  @Test
  void fortyNineCamerasArePagedAndOnlyTheShownOnesAreForwarded() throws Exception {
    E2EServer.Meeting meeting = server.createMeeting("All hands");
    MediaClip clip = loadGenerator.clip();
    List<LoadParticipant> cameras = new ArrayList<>();
    try {
      BrowserSession ada = MeetingMediaE2ETest.join(browsers, server, "Ada", meeting);
      ada.find("#mic-btn").click();
      List<CompletableFuture<Void>> joins = new ArrayList<>();
      for (int i = 1; i <= CAMERAS; i++) {
        LoadParticipant p = new LoadParticipant(String.format("Camera %02d", i), loadGenerator.context(), clip);
        p.showVideoAt(0);
        p.setAudioLevel(i == 1 ? 10 : 60 + i); // Camera 01 is the loudest: the speaking ring
        cameras.add(p);
        joins.add(p.join(server.baseUrl(), meeting.joinCode()));
        if (i % WAVE == 0 || i == CAMERAS) { // waves: 49 DTLS handshakes at once time out on a starved machine
          CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).get(180, TimeUnit.SECONDS);
          joins.clear();
        }
      }

      Awaitility.await("page one shows 49 named tiles").atMost(MEDIA_TIMEOUT).until(() -> onPage(ada).size() == 49
          && ada.find(".gallery-page").getText().equals("Page 1 of 2"));
      List<String> names = names(ada);
      assertThat(names).hasSize(49).doesNotContain("").anyMatch(n -> n.startsWith("Ada"));
      assertThat(names.stream().filter(n -> n.startsWith("Camera "))).hasSize(48);
      assertThat(ada.findAll("#gallery > .tile.self .mic-off")).isNotEmpty().allMatch(WebElement::isDisplayed);
      MediaAwait.awaitFramesDecodedRising(ada, 48, MEDIA_TIMEOUT);
      Awaitility.await("Ada receives the video of the 48 cameras on her page").atMost(MEDIA_TIMEOUT)
          .until(() -> receivingVideo(ada) == 48);
      Awaitility.await("the loudest camera's tile has the speaking ring").atMost(MEDIA_TIMEOUT)
          .until(() -> !ada.findAll("#gallery > .tile.speaking").isEmpty()
              && ada.find("#gallery > .tile.speaking .name").getText().equals("Camera 01"));
      ada.screenshot(Browsers.screenshotDir().resolve("GalleryE2ETest").resolve("gallery-49.png"));
      System.out.printf("page 1: SFU forwards %.0f packets/s%n", forwardedRate());

      ada.find(".gallery-next").click();
      Awaitility.await("page two shows the 50th tile").atMost(MEDIA_TIMEOUT).until(() -> onPage(ada).size() == 1
          && ada.find(".gallery-page").getText().equals("Page 2 of 2"));
      assertThat(names(ada)).singleElement().asString().startsWith("Camera ");
      Awaitility.await("only the camera on page two is forwarded to Ada").atMost(MEDIA_TIMEOUT)
          .until(() -> receivingVideo(ada) == 1);
      ada.screenshot(Browsers.screenshotDir().resolve("GalleryE2ETest").resolve("gallery-page-2.png"));
      System.out.printf("page 2: SFU forwards %.0f packets/s%n", forwardedRate());

      ada.find(".gallery-prev").click();
      Awaitility.await("back on page one, the 48 cameras are forwarded again").atMost(MEDIA_TIMEOUT)
          .until(() -> receivingVideo(ada) == 48);
      assertThat(cameras).allMatch(p -> p.failure() == null);
    } finally {
      cameras.forEach(LoadParticipant::close);
    }
  }

  /** The SFU workers' forwarded RTP packets a second (their last sample), from /metrics. */
  private static double forwardedRate() throws Exception {
    return server.get().rest().send("GET", "/metrics", null).body().lines()
        .filter(l -> l.startsWith("confero_sfu_worker_forwarded_rate"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  private static List<WebElement> onPage(BrowserSession b) {
    return b.findAll(ON_PAGE);
  }

  private static List<String> names(BrowserSession b) {
    return onPage(b).stream().map(t -> t.findElement(org.openqa.selenium.By.cssSelector(".name")).getText()).toList();
  }

  /** How many inbound video streams of {@code b}'s subscriber received bytes during three seconds. */
  private static int receivingVideo(BrowserSession b) {
    return ((Number) b.executeAsync("const done = arguments[arguments.length - 1];"
        + "const pc = window.confero.subscriber;"
        + "const sample = async () => { const m = new Map(); (await pc.getStats()).forEach(s => {"
        + "  if (s.type === 'inbound-rtp' && s.kind === 'video') m.set(s.id, s.bytesReceived); }); return m; };"
        + "sample().then(a => setTimeout(() => sample().then(z => { let n = 0;"
        + "  z.forEach((v, k) => { if (v > (a.get(k) || 0)) n++; }); done(n); }), 3000));")).intValue();
  }
}
