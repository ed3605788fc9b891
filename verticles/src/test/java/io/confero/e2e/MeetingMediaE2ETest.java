package io.confero.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three headless Chromium instances join one meeting through the web client and Confero's own SFU,
 * in a lo-only network namespace. Each must decode both others' video and receive their audio;
 * when one leaves, the others see its tracks end.
 */
@EndToEnd
class MeetingMediaE2ETest {
  static final Duration MEDIA_TIMEOUT = Duration.ofSeconds(60);

  @RegisterExtension
  static final Browsers browsers = new Browsers();

  // the SFU's own counters (forwarded packets, drops by reason) help diagnose a failed run
  @RegisterExtension
  static final RunningServer server = new RunningServer().printingSfuMetrics();

  static BrowserSession join(String name, E2EServer.Meeting meeting) {
    return join(browsers, server, name, meeting);
  }

  /** Launches a browser that joins {@code meeting} through the web client's join page. */
  static BrowserSession join(Browsers browsers, RunningServer server, String name, E2EServer.Meeting meeting) {
    BrowserSession b = browsers.launch(name);
    b.open(server.joinUrl(meeting));
    b.find("#name").clear();
    b.find("#name").sendKeys(name);
    b.find("#join-btn").click();
    Awaitility.await(name + " joined").atMost(Duration.ofSeconds(30)).until(() -> "joined".equals(b.conferoState()));
    return b;
  }

  /** How many getStats() entries of {@code type} on {@code window.confero[peer]} have {@code counter} > 0. */
  static int countStats(BrowserSession b, String peer, String type, String counter) throws Exception {
    return ((Number) b.executeAsync("const [peer, type, counter, done] = arguments;"
        + "window.confero[peer].getStats().then(r => { let n = 0;"
        + " r.forEach(s => { if (s.type === type && s[counter] > 0) n++; }); done(n); });", peer, type, counter))
        .intValue();
  }

  @Test
  void threeParticipantsSeeAndHearEachOtherThroughTheSfu() throws Exception {
    E2EServer.Meeting meeting = server.createMeeting("Three-way call");
    List<BrowserSession> people = new ArrayList<>();
    for (String name : List.of("Ada", "Grace", "Linus")) {
      people.add(join(name, meeting));
    }
    for (BrowserSession b : people) {
      PeerStats video = MediaAwait.awaitFramesDecodedRising(b, 2, MEDIA_TIMEOUT);
      assertThat(video.inboundVideo()).as(b.name() + " decodes two remote videos").hasSizeGreaterThanOrEqualTo(2);
      MediaAwait.awaitStats(b.subscriber(), MEDIA_TIMEOUT, b.name() + " decodes two videos of at least 320x240",
          s -> s.inboundVideo().stream()
              .filter(v -> v.framesDecoded() > 0 && v.frameWidth() >= 320 && v.frameHeight() >= 240).count() >= 2);
      MediaAwait.awaitAudioSamplesRising(b, 2, MEDIA_TIMEOUT);
      MediaAwait.awaitStats(b.subscriber(), MEDIA_TIMEOUT, b.name() + " hears two voices (audioLevel > 0)",
          s -> s.inboundAudio().stream().filter(a -> a.audioLevel() > 0).count() >= 2);
    }
    for (BrowserSession b : people) {
      // the SFU translates each publisher's sender reports for its subscribers (A/V sync): Chromium
      // shows them as remote-outbound-rtp stats, one per received audio and video stream
      Awaitility.await(b.name() + " receives translated sender reports").atMost(MEDIA_TIMEOUT).until(() ->
          countStats(b, "subscriber", "remote-outbound-rtp", "reportsSent") >= 4);
    }
    for (BrowserSession b : people) {
      // the SFU's receiver reports let each publisher measure its round-trip time to the SFU
      Awaitility.await(b.name() + " gets receiver reports on its audio and video").atMost(MEDIA_TIMEOUT).until(() ->
          countStats(b, "publisher", "remote-inbound-rtp", "roundTripTimeMeasurements") >= 2);
    }
    for (BrowserSession b : people) {
      // reported, not asserted: the publisher's bandwidth estimate, which rises only when our
      // transport-wide-cc feedback reaches Chromium (it starts at 300 kbps)
      PeerStats.SelectedPair pair = b.publisher().sample().selectedPair();
      System.out.println("E2E " + b.name() + " publisher availableOutgoingBitrate="
          + (pair == null ? "n/a" : pair.availableOutgoingBitrate()));
    }
    for (BrowserSession b : people) {
      // RFC 4588 negotiated on every subscriber connection: our offer pairs each video SSRC with an
      // RTX SSRC, and Chromium's answer keeps the rtx payload type
      Map<?, ?> sdp = (Map<?, ?>) b.execute("const s = window.confero.subscriber;"
          + "return {offer: s.remoteDescription.sdp, answer: s.localDescription.sdp};");
      assertThat((String) sdp.get("offer")).as(b.name() + " is offered RTX").contains("a=ssrc-group:FID ");
      assertThat((String) sdp.get("answer")).as(b.name() + " accepts RTX").containsPattern("a=rtpmap:\\d+ rtx/90000");
    }
    people.get(0).screenshot(Browsers.screenshotDir().resolve("MeetingMediaE2ETest").resolve("gallery-3.png"));

    BrowserSession leaver = people.get(2);
    String leaverId = (String) leaver.execute("return window.confero.selfId;");
    for (BrowserSession b : people.subList(0, 2)) {
      Number held = (Number) b.execute("window.leaverTracks = [...window.confero.remoteTracks.values()]"
          + ".filter(t => t.participant_id === arguments[0]).map(t => t.track);"
          + "return window.leaverTracks.filter(t => t.readyState === 'live').length;", leaverId);
      assertThat(held.intValue()).as(b.name() + " receives the leaver's audio and video").isEqualTo(2);
    }
    leaver.find("#leave-btn").click();
    for (BrowserSession b : people.subList(0, 2)) {
      java.util.concurrent.atomic.AtomicReference<Object> last = new java.util.concurrent.atomic.AtomicReference<>();
      try {
        Awaitility.await(b.name() + " sees the leaver's tracks end").atMost(MEDIA_TIMEOUT).until(() -> {
          Map<?, ?> t = (Map<?, ?>) b.execute("const all = window.confero.subscriber.getTransceivers();"
              + "return {ended: window.leaverTracks.filter(t => t.readyState === 'ended').length,"
              + " live: all.filter(x => x.currentDirection === 'recvonly' && x.receiver.track.readyState === 'live').length,"
              + " all: all.map(x => x.mid + ':' + x.currentDirection + ':' + x.receiver.track.readyState).join(' ')};");
          last.set(t);
          return ((Number) t.get("ended")).intValue() == 2 && ((Number) t.get("live")).intValue() == 2;
        });
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        throw new AssertionError(b.name() + " transceivers: " + last.get(), e);
      }
      if (leaverId != null) {
        Awaitility.await(b.name() + " drops the leaver's tile").atMost(Duration.ofSeconds(20)).until(() ->
            b.findAll(".tile[data-participant-id='" + leaverId + "']").isEmpty());
      }
    }
    // the leaver's two transports are freed on the SFU: two participants × (publisher + subscriber) remain
    Awaitility.await("leaver's transports freed").atMost(MEDIA_TIMEOUT).until(() -> transports() == 4);
  }

  static double transports() throws Exception {
    return server.rest().send("GET", "/metrics", null).body().lines()
        .filter(l -> l.startsWith("confero_sfu_transports{")).mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }
}
