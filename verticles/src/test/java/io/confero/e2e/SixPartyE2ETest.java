package io.confero.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.loadgen.LoadParticipant;
import io.confero.loadgen.MediaClip;
import io.confero.loadgen.TrackReception;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A six-party video meeting on one small machine: two headless Chromium participants (web client)
 * and four {@link LoadParticipant}s, which speak the same REST, signaling, ICE, DTLS-SRTP and RTP as
 * a browser but send a pre-encoded VP8 + Opus clip instead of encoding, so six participants' media
 * fit next to the server on two cores. Every participant must receive all five others' video and
 * audio through the SFU at once; when one leaves, the others stop receiving it.
 */
@EndToEnd
class SixPartyE2ETest {
  static final Duration MEDIA_TIMEOUT = Duration.ofSeconds(90);

  @RegisterExtension
  static final Browsers browsers = new Browsers();

  @RegisterExtension
  static final RunningServer server = new RunningServer().printingSfuMetrics();

  @RegisterExtension
  static final LoadGenerator loadGenerator = new LoadGenerator();

  @Test
  void sixParticipantsReceiveAllFiveOthersVideoAndAudio() throws Exception {
    E2EServer.Meeting meeting = server.createMeeting("Six-party call");
    MediaClip clip = loadGenerator.clip();
    List<BrowserSession> browsersIn = new ArrayList<>();
    List<LoadParticipant> loads = new ArrayList<>();
    try {
      for (String name : List.of("Ada", "Grace")) {
        browsersIn.add(MeetingMediaE2ETest.join(browsers, server, name, meeting));
      }
      List<CompletableFuture<Void>> joins = new ArrayList<>();
      for (int i = 1; i <= 4; i++) {
        LoadParticipant p = new LoadParticipant("Load " + i, loadGenerator.context(), clip);
        loads.add(p);
        joins.add(p.join(server.baseUrl(), meeting.joinCode()));
      }
      CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

      for (BrowserSession b : browsersIn) {
        MediaAwait.awaitFramesDecodedRising(b, 5, MEDIA_TIMEOUT);
        // the load participants' clip is 320x240; the other browser's camera is sized to its tile
        MediaAwait.awaitStats(b.subscriber(), MEDIA_TIMEOUT, b.name() + " decodes four videos of at least 320x240",
            s -> s.inboundVideo().stream()
                .filter(v -> v.framesDecoded() > 0 && v.frameWidth() >= 320 && v.frameHeight() >= 240).count() >= 4);
        MediaAwait.awaitAudioSamplesRising(b, 5, MEDIA_TIMEOUT);
        MediaAwait.awaitStats(b.subscriber(), MEDIA_TIMEOUT, b.name() + " hears five voices (audioLevel > 0)",
            s -> s.inboundAudio().stream().filter(a -> a.audioLevel() > 0).count() >= 5);
      }
      for (LoadParticipant p : loads) {
        awaitReceiving(p, 5, 5);
        assertThat(p.decryptFailures()).as(p.name() + " SRTP authentication failures").isZero();
        assertThat(p.received().values().stream().filter(s -> "video".equals(s.kind()) && s.keyframes() > 0
            && s.width() >= 240 && s.height() >= 180).count())
            .as(p.name() + " got a keyframe of every remote video").isEqualTo(5);
      }
      // all six at once, once more: media keeps flowing to everybody (not one after the other)
      for (BrowserSession b : browsersIn) {
        MediaAwait.awaitFramesDecodedRising(b, 5, MEDIA_TIMEOUT);
      }
      for (LoadParticipant p : loads) {
        awaitReceiving(p, 5, 5);
      }
      browsersIn.get(0).screenshot(Browsers.screenshotDir().resolve("SixPartyE2ETest").resolve("gallery-6.png"));

      LoadParticipant leaver = loads.remove(3);
      String leaverId = leaver.participantId();
      leaver.close();
      for (BrowserSession b : browsersIn) {
        Awaitility.await(b.name() + " drops the leaver's tile").atMost(MEDIA_TIMEOUT).until(() ->
            b.findAll(".tile[data-participant-id='" + leaverId + "']").isEmpty());
        Awaitility.await(b.name() + " receives four participants' audio and video").atMost(MEDIA_TIMEOUT).until(() ->
            ((Number) b.execute("return window.confero.subscriber.getTransceivers().filter(x =>"
                + " x.currentDirection === 'recvonly' && x.receiver.track.readyState === 'live').length;")).intValue() == 8);
      }
      for (LoadParticipant p : loads) {
        awaitReceiving(p, 4, 4);
      }
    } finally {
      loads.forEach(LoadParticipant::close);
    }
  }

  /**
   * Waits until {@code p} has received new video frames on {@code videos} remote tracks and new
   * audio packets on {@code audios} since the first look, and on no more than that many.
   */
  static void awaitReceiving(LoadParticipant p, int videos, int audios) {
    Map<String, Long> first = new HashMap<>();
    AtomicReference<String> last = new AtomicReference<>();
    try {
      Awaitility.await(p.name() + " receives " + videos + " videos and " + audios + " audios").atMost(MEDIA_TIMEOUT)
          .pollDelay(Duration.ofSeconds(2)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            int v = 0;
            int a = 0;
            for (TrackReception.Snapshot s : p.received().values()) {
              long count = "video".equals(s.kind()) ? s.frames() : s.packets();
              if (count > first.computeIfAbsent(s.trackId(), k -> count)) {
                v += "video".equals(s.kind()) ? 1 : 0;
                a += "audio".equals(s.kind()) ? 1 : 0;
              }
            }
            last.set(p.name() + " rising videos=" + v + " audios=" + a + " failure=" + p.failure() + " " + p.received());
            return v == videos && a == audios;
          });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(last.get(), e);
    }
  }
}
