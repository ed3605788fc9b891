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
 * other's audio. Firefox also shares its (fake) screen to Chromium, and two Firefox users see and
 * hear each other.
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

  @Test
  void firefoxSharesItsScreenToChromium() throws Exception {
    E2EServer.Meeting meeting = server.createMeeting("Firefox presents");
    BrowserSession chromium = MeetingMediaE2ETest.join(browsers, server, "Chromium viewer", meeting);
    try (FirefoxPeer firefox = FirefoxPeer.joinSharingScreen(server.joinUrl(meeting), "Firefox presenter")) {
      Awaitility.await("Firefox joined and shares its screen").atMost(Duration.ofSeconds(90)).until(firefox::sharingScreen);
      Awaitility.await("Chromium receives Firefox's screen").atMost(MEDIA_TIMEOUT)
          .until(() -> screenFrames(chromium).getLong("decoded", 0L) > 0);
      double fps = frameRate("Chromium decoding Firefox's screen (" + firefox.screenTrack() + ")",
          () -> screenFrames(chromium).getLong("decoded", 0L));
      io.vertx.core.json.JsonObject screen = screenFrames(chromium);
      System.out.printf("E2E FirefoxE2ETest Chromium<-Firefox screen: %.1f fps, %dx%d; %s%n", fps,
          screen.getInteger("width"), screen.getInteger("height"), firefox.screenTrack());
      assertThat(fps).as("Chromium decodes Firefox's screen share").isGreaterThanOrEqualTo(MIN_FPS);
      assertThat(screen.getInteger("width")).as("the screen arrives at a real size").isGreaterThan(0);
      Awaitility.await("Chromium shows the screen share in its stage").atMost(MEDIA_TIMEOUT)
          .until(() -> !chromium.findAll("video").isEmpty() && screenShown(chromium));
    }
  }

  @Test
  void twoFirefoxUsersSeeAndHearEachOther() throws Exception {
    E2EServer.Meeting meeting = server.createMeeting("Two Firefox users");
    try (FirefoxPeer ada = FirefoxPeer.join(server.joinUrl(meeting), "Firefox-Ada");
         FirefoxPeer bob = FirefoxPeer.join(server.joinUrl(meeting), "Firefox-Bob")) {
      Awaitility.await("both Firefox joined").atMost(Duration.ofSeconds(90)).until(() -> ada.joined() && bob.joined());
      Awaitility.await("each Firefox decodes the other's video").atMost(MEDIA_TIMEOUT)
          .until(() -> ada.framesDecoded() > 0 && bob.framesDecoded() > 0);
      double adaFps = frameRate("Firefox-Ada decoding Bob (" + ada.lastReport() + ")", ada::framesDecoded);
      double bobFps = frameRate("Firefox-Bob decoding Ada (" + bob.lastReport() + ")", bob::framesDecoded);
      System.out.printf("E2E FirefoxE2ETest decoded fps: Firefox<-Firefox %.1f and %.1f%n", adaFps, bobFps);
      assertThat(adaFps).as("Firefox decodes Firefox's video").isGreaterThanOrEqualTo(MIN_FPS);
      assertThat(bobFps).as("Firefox decodes Firefox's video").isGreaterThanOrEqualTo(MIN_FPS);
      long adaHeard = ada.audioSamplesReceived();
      long bobHeard = bob.audioSamplesReceived();
      Awaitility.await("each Firefox receives a second of the other's audio").atMost(MEDIA_TIMEOUT)
          .until(() -> ada.audioSamplesReceived() >= adaHeard + 48_000 && bob.audioSamplesReceived() >= bobHeard + 48_000);
    }
  }

  /** The decoding of the screen-share track Chromium receives: frames decoded and size ({} before one). */
  private static io.vertx.core.json.JsonObject screenFrames(BrowserSession chromium) {
    return new io.vertx.core.json.JsonObject((String) chromium.executeAsync("""
        const done = arguments[arguments.length - 1];
        const screen = [...window.confero.remoteTracks.values()].find(t => t.source === 'screen' && t.track);
        if (!screen) { done('{}'); return; }
        window.confero.subscriber.getStats().then(r => {
          const o = {};
          r.forEach(s => { if (s.type === 'inbound-rtp' && s.trackIdentifier === screen.track.id) {
            o.decoded = s.framesDecoded || 0; o.width = s.frameWidth || 0; o.height = s.frameHeight || 0; } });
          done(JSON.stringify(o));
        });
        """));
  }

  /** Whether a video element on Chromium's page plays the screen-share track. */
  private static boolean screenShown(BrowserSession chromium) {
    return Boolean.TRUE.equals(chromium.execute("""
        const screen = [...window.confero.remoteTracks.values()].find(t => t.source === 'screen' && t.track);
        return !!screen && [...document.querySelectorAll('video')].some(v => v.srcObject
          && v.srcObject.getVideoTracks().some(t => t.id === screen.track.id) && v.videoWidth > 0);
        """));
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
