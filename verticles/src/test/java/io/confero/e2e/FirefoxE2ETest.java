package io.confero.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Firefox (Debian's firefox-esr, over WebDriver BiDi) and Chromium in one meeting through the web
 * client and Confero's SFU, in the lo-only namespace. Firefox numbers its header extensions and
 * payload types differently (abs-send-time at 4, Chromium's mid id; VP8 at 120, Opus at 109): each
 * must decode the other's video at a real frame rate, not a few leaked frames, and receive the
 * other's audio.
 */
@EndToEnd
class FirefoxE2ETest {
  static final Duration MEDIA_TIMEOUT = Duration.ofSeconds(90);
  /** Frames a decoder must add in one measurement; a stream the receiver drops leaks a few a minute. */
  static final long FRAMES = 60;
  /** Coarse: the fake cameras send 20–30 fps, a dropped stream well under 1 fps. */
  static final double MIN_FPS = 3.0;

  @RegisterExtension
  static final Browsers browsers = new Browsers();

  @RegisterExtension
  static final RunningServer server = new RunningServer().printingSfuMetrics();

  /** Firefox gathers no candidates in a namespace without a default route (TESTING-WEBRTC.md); lo stays the only link. */
  @BeforeAll
  static void defaultRouteOverLoopback() throws Exception {
    run("ip", "route", "replace", "default", "dev", "lo", "src", "127.0.0.1");
  }

  @AfterAll
  static void dropDefaultRoute() throws Exception {
    run("ip", "route", "del", "default", "dev", "lo");
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).inheritIO().start();
    assertThat(p.waitFor()).as(String.join(" ", command)).isZero();
  }

  @Test
  void firefoxAndChromiumSeeAndHearEachOther() throws Exception {
    E2EServer.Meeting meeting = server.createMeeting("Firefox and Chromium");
    BrowserSession chromium = MeetingMediaE2ETest.join(browsers, server, "Chromium", meeting);
    try (FirefoxPeer firefox = FirefoxPeer.join(server.joinUrl(meeting), "Firefox")) {
      Awaitility.await("Firefox joined").atMost(Duration.ofSeconds(90)).until(firefox::joined);

      MediaAwait.awaitFramesDecodedRising(chromium, 1, MEDIA_TIMEOUT);
      double chromiumFps = frameRate("Chromium decoding Firefox's video", () -> chromiumFrames(chromium));
      Awaitility.await("Firefox decodes Chromium's video").atMost(MEDIA_TIMEOUT)
          .until(() -> firefox.framesDecoded() > 0);
      double firefoxFps = frameRate("Firefox decoding Chromium's video (" + firefox.lastReport() + ")",
          firefox::framesDecoded);
      System.out.printf("E2E FirefoxE2ETest decoded fps: Chromium<-Firefox %.1f, Firefox<-Chromium %.1f%n",
          chromiumFps, firefoxFps);
      assertThat(chromiumFps).as("Chromium decodes Firefox's video").isGreaterThanOrEqualTo(MIN_FPS);
      assertThat(firefoxFps).as("Firefox decodes Chromium's video").isGreaterThanOrEqualTo(MIN_FPS);

      MediaAwait.awaitAudioSamplesRising(chromium, 1, MEDIA_TIMEOUT);
      MediaAwait.awaitStats(chromium.subscriber(), MEDIA_TIMEOUT, "Chromium hears Firefox (audioLevel > 0)",
          s -> s.inboundAudio().stream().anyMatch(a -> a.audioLevel() > 0));
      long samples = firefox.audioSamplesReceived();
      Awaitility.await("Firefox receives a second of Chromium's audio").atMost(MEDIA_TIMEOUT)
          .until(() -> firefox.audioSamplesReceived() >= samples + 48_000);
    }
  }

  private static long chromiumFrames(BrowserSession chromium) {
    List<PeerStats.InboundVideo> video = chromium.subscriber().sample().inboundVideo();
    return video.stream().mapToLong(PeerStats.InboundVideo::framesDecoded).sum();
  }

  /** Waits until {@code FRAMES} more frames are decoded and answers the rate they came at. */
  private static double frameRate(String what, LongSupplier frames) {
    long first = frames.getAsLong();
    long start = System.nanoTime();
    Awaitility.await(what + ": " + FRAMES + " more frames").atMost(MEDIA_TIMEOUT)
        .until(() -> frames.getAsLong() >= first + FRAMES);
    long added = frames.getAsLong() - first;
    return added / ((System.nanoTime() - start) / 1e9);
  }
}
