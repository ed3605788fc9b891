package io.confero.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reconnecting within the grace period (docs/protocol.md, "Reconnecting") with two headless
 * Chromium pages: one reloads its page, or loses its signaling socket; it comes back into the
 * meeting with the same seat and without the pre-join, media flows again both ways, and the other
 * page never sees it leave (its participant list never shrinks, no participant_left arrives).
 */
@EndToEnd
class ReconnectE2ETest {
  static final Duration MEDIA_TIMEOUT = Duration.ofSeconds(60);

  @RegisterExtension
  static final Browsers browsers = new Browsers();

  @RegisterExtension
  static final RunningServer server = new RunningServer();

  /** Joins through the pre-join page; returns once the page is in the call. */
  static BrowserSession join(String name, E2EServer.Meeting meeting) {
    BrowserSession b = browsers.launch(name);
    b.open(server.joinUrl(meeting));
    b.find("#name").clear();
    b.find("#name").sendKeys(name);
    b.find("#join-btn").click();
    MediaAwait.awaitConferoState(b, "joined", Duration.ofSeconds(30));
    return b;
  }

  /** Counts, on {@code watcher}'s page, the smallest participant list seen since now (sampled every 20 ms). */
  static void watchParticipants(BrowserSession watcher) {
    watcher.execute("window.minPeople = window.confero.participants.size;"
        + "window.eventsBefore = window.confero.events.length;"
        + "setInterval(() => { window.minPeople = Math.min(window.minPeople, window.confero.participants.size); }, 20);");
  }

  /** participant_left / participant_joined events {@code watcher} got about {@code id} since watching started. */
  @SuppressWarnings("unchecked")
  static List<Object> leavesAndJoins(BrowserSession watcher, String id) {
    return (List<Object>) watcher.execute("return window.confero.events.slice(window.eventsBefore)"
        + ".filter(e => e.participant_id === arguments[0] && e.type !== 'participant_updated').map(e => e.type);", id);
  }

  /** Waits until {@code watcher} receives a video track of {@code id} it did not have before, then sees it play. */
  static void awaitNewVideoOf(BrowserSession watcher, String id, List<?> oldTrackIds) {
    Awaitility.await(watcher.name() + " receives a new video track of " + id).atMost(MEDIA_TIMEOUT).until(() ->
        (Boolean) watcher.execute("return [...window.confero.remoteTracks.values()].some(t => t.participant_id === arguments[0]"
            + " && t.kind === 'video' && !arguments[1].includes(t.track_id));", id, oldTrackIds));
    MediaAwait.awaitFramesDecodedRising(watcher, 1, MEDIA_TIMEOUT);
    MediaAwait.awaitTileVideoPlaying(watcher, id, MEDIA_TIMEOUT);
  }

  static List<?> trackIdsOf(BrowserSession watcher, String id) {
    return (List<?>) watcher.execute("return [...window.confero.remoteTracks.values()]"
        + ".filter(t => t.participant_id === arguments[0]).map(t => t.track_id);", id);
  }

  static void awaitMediaBothWays(BrowserSession a, BrowserSession b) {
    MediaAwait.awaitFramesDecodedRising(a, 1, MEDIA_TIMEOUT);
    MediaAwait.awaitAudioSamplesRising(a, 1, MEDIA_TIMEOUT);
    MediaAwait.awaitFramesDecodedRising(b, 1, MEDIA_TIMEOUT);
    MediaAwait.awaitAudioSamplesRising(b, 1, MEDIA_TIMEOUT);
  }

  @Test
  void aReloadedPageIsBackInTheCallAndTheOthersNeverSeeALeave() throws Exception {
    E2EServer.Meeting meeting = server.createMeeting("Reload");
    BrowserSession ada = join("Ada", meeting);
    BrowserSession bob = join("Bob", meeting);
    awaitMediaBothWays(ada, bob);
    String bobId = (String) bob.execute("return window.confero.selfId;");
    String adaId = (String) ada.execute("return window.confero.selfId;");
    bob.find("#mic-btn").click(); // Bob mutes: the reloaded page keeps him muted
    Awaitility.await("Ada sees Bob muted").atMost(MEDIA_TIMEOUT).until(() ->
        (Boolean) ada.execute("return window.confero.participants.get(arguments[0]).audio_muted;", bobId));
    List<?> before = trackIdsOf(ada, bobId);
    watchParticipants(ada);

    bob.driver().navigate().refresh();

    MediaAwait.awaitConferoState(bob, "joined", MEDIA_TIMEOUT);
    assertThat(bob.execute("return window.confero.restoredSession;")).as("no pre-join after the reload").isEqualTo(true);
    assertThat(bob.execute("return window.confero.selfId;")).as("the same seat").isEqualTo(bobId);
    assertThat(bob.execute("return window.confero.resumed;")).as("the server resumed the seat").isEqualTo(true);
    assertThat(bob.find("#mic-btn").getAttribute("aria-pressed")).as("still muted").isEqualTo("false");
    awaitNewVideoOf(ada, bobId, before);
    MediaAwait.awaitTileVideoPlaying(bob, adaId, MEDIA_TIMEOUT);
    MediaAwait.awaitAudioSamplesRising(bob, 1, MEDIA_TIMEOUT);
    assertThat(ada.execute("return window.confero.participants.get(arguments[0]).audio_muted;", bobId)).isEqualTo(true);
    assertThat(leavesAndJoins(ada, bobId)).as("Ada never saw Bob leave or join").isEmpty();
    assertThat(((Number) ada.execute("return window.minPeople;")).intValue()).as("Ada's participant list never shrank")
        .isEqualTo(2);
    assertThat(ada.conferoState()).isEqualTo("joined");
    ada.screenshot(Browsers.screenshotDir().resolve("ReconnectE2ETest").resolve("after-reload-ada.png"));
    bob.screenshot(Browsers.screenshotDir().resolve("ReconnectE2ETest").resolve("after-reload-bob.png"));
  }

  @Test
  void whenTheGraceRunsOutThePageSaysConnectionLostAndRejoinTakesTheSeatAgain() throws Exception {
    E2EServer shortGrace = E2EServer.start(java.util.Map.of("CONFERO_SIGNALING_RECONNECT_GRACE", "3s"));
    try {
      E2EServer.Meeting meeting = shortGrace.createMeeting("Lost");
      BrowserSession cat = browsers.launch("Cat");
      cat.open(shortGrace.joinUrl(meeting));
      cat.find("#name").clear();
      cat.find("#name").sendKeys("Cat");
      cat.find("#join-btn").click();
      MediaAwait.awaitConferoState(cat, "joined", MEDIA_TIMEOUT);
      String catId = (String) cat.execute("return window.confero.selfId;");
      // the network is gone: every new socket fails to open
      cat.execute("window.RealWebSocket = window.WebSocket;"
          + "window.WebSocket = function () { throw new Error('offline'); };"
          + "window.confero.dropConnection();");
      MediaAwait.awaitConferoState(cat, "error", MEDIA_TIMEOUT);
      assertThat(cat.find("#end-title").getText()).isEqualTo("Connection lost");
      assertThat(cat.find("#rejoin-btn").isDisplayed()).isTrue();
      cat.screenshot(Browsers.screenshotDir().resolve("ReconnectE2ETest").resolve("connection-lost.png"));
      cat.execute("window.WebSocket = window.RealWebSocket;");
      cat.find("#rejoin-btn").click();
      MediaAwait.awaitConferoState(cat, "joined", MEDIA_TIMEOUT);
      assertThat(cat.execute("return window.confero.selfId;")).as("the same seat").isEqualTo(catId);
      MediaAwait.awaitConnected(cat.publisher(), MEDIA_TIMEOUT);
    } finally {
      shortGrace.close();
    }
  }

  @Test
  void aDroppedSocketReconnectsInPlace() throws Exception {
    E2EServer.Meeting meeting = server.createMeeting("Blip");
    BrowserSession ada = join("Ada", meeting);
    BrowserSession bob = join("Bob", meeting);
    awaitMediaBothWays(ada, bob);
    String bobId = (String) bob.execute("return window.confero.selfId;");
    List<?> before = trackIdsOf(ada, bobId);
    watchParticipants(ada);

    bob.execute("window.confero.dropConnection();");
    bob.screenshot(Browsers.screenshotDir().resolve("ReconnectE2ETest").resolve("reconnecting-bob.png"));

    Awaitility.await("Bob reconnected").atMost(MEDIA_TIMEOUT).until(() ->
        ((Number) bob.execute("return window.confero.reconnects;")).intValue() == 1 && "joined".equals(bob.conferoState()));
    assertThat(bob.execute("return window.confero.resumed;")).isEqualTo(true);
    assertThat(bob.find("#reconnect-banner").isDisplayed()).isFalse();
    awaitNewVideoOf(ada, bobId, before);
    MediaAwait.awaitFramesDecodedRising(bob, 1, MEDIA_TIMEOUT);
    MediaAwait.awaitAudioSamplesRising(bob, 1, MEDIA_TIMEOUT);
    assertThat(leavesAndJoins(ada, bobId)).as("Ada never saw Bob leave or join").isEmpty();
    assertThat(((Number) ada.execute("return window.minPeople;")).intValue()).isEqualTo(2);
    // the retry schedule: full jitter below min(8 s, 0.5 s * 2^attempt)
    Object ceilings = bob.executeAsync("const done = arguments[arguments.length - 1];"
        + "import('/js/reconnect.js').then(m => done([0, 1, 2, 3, 4, 5, 9, 40].map(a =>"
        + " [m.backoffDelay(a, { random: () => 0 }), m.backoffDelay(a, { random: () => 0.9999 })])));");
    assertThat(ceilings.toString()).isEqualTo(
        "[[0, 499], [0, 999], [0, 1999], [0, 3999], [0, 7999], [0, 7999], [0, 7999], [0, 7999]]");
  }
}
