package io.confero.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Chromium against itself, no Confero involved: two RTCPeerConnections in one page exchange the
 * fake camera and microphone over 127.0.0.1 inside the lo-only namespace. Proves the browser flags,
 * the namespace and the getStats() plumbing ({@link PeerStats}, {@link MediaAwait}) before any
 * SFU test relies on them.
 */
@EndToEnd
class ChromiumLoopbackE2ETest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @RegisterExtension
  final Browsers browsers = new Browsers();

  @Test
  void mediaFlowsBetweenTwoPeerConnectionsOverLoopback() {
    BrowserSession page = browsers.launch("loopback");
    page.openBlankPage();
    assertThat(page.execute("return window.isSecureContext;")).isEqualTo(true);
    assertThat(page.stats("window.loopback.receiver")).as("before the page made it").isEqualTo(PeerStats.absent());
    assertThat(page.subscriber().sample().present()).isFalse();

    assertThat(page.executeAsyncResource("loopback.js")).isEqualTo("ok");

    StatsProbe sender = page.peer("window.loopback.sender");
    StatsProbe receiver = page.peer("window.loopback.receiver");
    MediaAwait.awaitConnected(receiver, TIMEOUT);
    PeerStats video = MediaAwait.awaitFramesDecodedRising(receiver, 1, TIMEOUT);
    PeerStats audio = MediaAwait.awaitAudioSamplesRising(receiver, 1, TIMEOUT);
    PeerStats sent = MediaAwait.awaitFramesEncodedRising(sender, 1, TIMEOUT);
    MediaAwait.awaitBytesSentRising(sender, 2, TIMEOUT);

    assertThat(video.inboundVideo()).singleElement().satisfies(v -> {
      assertThat(v.frameWidth()).isEqualTo(640);
      assertThat(v.frameHeight()).isEqualTo(480);
      assertThat(v.bytesReceived()).isPositive();
      assertThat(v.trackIdentifier()).isNotEmpty();
    });
    assertThat(audio.inboundAudio()).singleElement().satisfies(a -> assertThat(a.bytesReceived()).isPositive());
    assertThat(sent.outbound()).extracting(PeerStats.Outbound::kind).containsExactlyInAnyOrder("audio", "video");
    Tile tile = MediaAwait.awaitTileVideoPlaying(page, "loopback", TIMEOUT);
    assertThat(tile.videoWidth()).isEqualTo(640);
    assertThat(tile.visible()).isTrue();
    page.screenshot(Browsers.screenshotDir().resolve("ChromiumLoopbackE2ETest").resolve("loopback.png"));
  }
}
