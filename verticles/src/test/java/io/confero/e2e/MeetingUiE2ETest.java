package io.confero.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.api.RestClient;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The in-meeting UI with several browsers against the real server: waiting room, active speaker
 * and speaker view, reactions, hands, chat both ways with history after a reload, screen sharing
 * (one presenter at a time unless the host allows more), lock, remove and end for everyone. Three
 * Chromiums are launched once for the class and reused by every test (each test has its own
 * meeting). Screenshots of each screen land in {@code target/e2e-screenshots/MeetingUiE2ETest/}
 * (copies in docs/screenshots/).
 */
@EndToEnd
class MeetingUiE2ETest {
  static final Duration JOIN_TIMEOUT = Duration.ofSeconds(60);
  static final Duration MEDIA_TIMEOUT = Duration.ofSeconds(90);
  static final Duration UI_TIMEOUT = Duration.ofSeconds(30);

  @RegisterExtension
  static final Browsers browsers = new Browsers();

  static E2EServer server;
  static BrowserSession host;
  static BrowserSession guest;
  static BrowserSession third;

  @BeforeAll
  static void start() throws Exception {
    server = E2EServer.start();
    host = browsers.launch("host");
    guest = browsers.launch("guest");
    third = browsers.launch("third");
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  static Path shot(String name) {
    return Browsers.screenshotDir().resolve("MeetingUiE2ETest").resolve(name);
  }

  static E2EServer.Meeting meeting(String title, JsonObject settings) throws Exception {
    JsonObject body = new JsonObject().put("title", title);
    if (settings != null) {
      body.put("settings", settings);
    }
    RestClient.Response r = server.rest().authed(server.token(), "POST", "/api/v1/meetings", body.encode());
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    JsonObject m = r.json();
    String url = m.getString("join_url");
    return new E2EServer.Meeting(m.getString("meeting_id"), url.substring(url.lastIndexOf('/') + 1), title, m);
  }

  /** A seat from the integrator API: the join response the page hands to connectWith. */
  static RestClient.Response seat(E2EServer.Meeting m, String name, String role, String userId) throws Exception {
    JsonObject req = new JsonObject().put("display_name", name).put("role", role);
    if (userId != null) {
      req.put("user_id", userId);
    }
    return server.rest().authed(server.token(), "POST", "/api/v1/meetings/" + m.id() + "/join", req.encode());
  }

  static String connect(BrowserSession b, E2EServer.Meeting m, RestClient.Response seat, String name) {
    assertThat(seat.status()).as(seat.body()).isEqualTo(200);
    b.open(server.joinUrl(m));
    b.execute("window.confero.connectWith(JSON.parse(arguments[0]), arguments[1]);", seat.body(), name);
    MediaAwait.awaitConferoState(b, "joined", JOIN_TIMEOUT);
    return selfId(b);
  }

  static String joinAsHost(BrowserSession b, E2EServer.Meeting m, String name) throws Exception {
    return connect(b, m, seat(m, name, "host", null), name);
  }

  static String joinAsGuest(BrowserSession b, E2EServer.Meeting m, String name) {
    b.open(server.joinUrl(m));
    b.join(name);
    MediaAwait.awaitConferoState(b, "joined", JOIN_TIMEOUT);
    return selfId(b);
  }

  static String selfId(BrowserSession b) {
    return (String) b.execute("return window.confero.selfId;");
  }

  static String tile(String participantId) {
    return ".tile[data-participant-id='" + participantId + "']";
  }

  /** Read in one script, so toasts that go away between two WebDriver calls cannot go stale. */
  static void awaitShown(BrowserSession b, String css, String what) {
    Awaitility.await(what).atMost(UI_TIMEOUT).until(() -> Boolean.TRUE.equals(b.execute(
        "return [...document.querySelectorAll(arguments[0])].some(e => e.getClientRects().length > 0);", css)));
  }

  static void awaitText(BrowserSession b, String css, String text) {
    Awaitility.await(b.name() + " shows '" + text + "' in " + css).atMost(UI_TIMEOUT).until(() -> Boolean.TRUE.equals(
        b.execute("return [...document.querySelectorAll(arguments[0])].some(e => e.textContent.includes(arguments[1]));",
            css, text)));
  }

  /** The page's window.confirm answers yes (host actions that ask first). */
  static void confirmEverything(BrowserSession b) {
    b.execute("window.confirm = () => true;");
  }

  @Test
  void guestWaitsInTheWaitingRoomUntilTheHostAdmitsThem() throws Exception {
    E2EServer.Meeting m = meeting("Waiting room", new JsonObject().put("waiting_room", true));
    joinAsHost(host, m, "Hannah Host");

    guest.open(server.joinUrl(m));
    guest.find("#name").clear();
    guest.find("#name").sendKeys("Gus Guest");
    Awaitility.await("the camera preview plays").atMost(UI_TIMEOUT).until(() ->
        ((Number) guest.execute("return document.getElementById('preview').videoWidth;")).intValue() > 0);
    guest.screenshot(shot("prejoin.png"));
    guest.find("#join-btn").click();
    MediaAwait.awaitConferoState(guest, "waiting", JOIN_TIMEOUT);
    awaitShown(guest, "#waiting h1", "the waiting page");
    guest.screenshot(shot("waiting-room.png"));

    host.find("#participants-btn").click();
    awaitShown(host, "#waiting-list .waiting-person", "the host's knock list");
    awaitText(host, "#waiting-list .person-name", "Gus Guest");
    host.screenshot(shot("waiting-room-host.png"));
    host.find("#waiting-list .waiting-person button").click();
    MediaAwait.awaitConferoState(guest, "joined", JOIN_TIMEOUT);
    Awaitility.await("the knock list empties").atMost(UI_TIMEOUT).until(() ->
        host.findAll("#waiting-list .waiting-person").isEmpty());
  }

  @Test
  void activeSpeakerSpeakerViewReactionsHandsAndChatBothWaysWithHistory() throws Exception {
    E2EServer.Meeting m = meeting("Weekly sync", null);
    String hostId = joinAsHost(host, m, "Hannah Host");
    String guestId = joinAsGuest(guest, m, "Gus Guest");
    MediaAwait.awaitFramesDecodedRising(guest, 1, MEDIA_TIMEOUT);

    // only the host's (fake, beeping) microphone is on: the SFU names the host active speaker
    guest.find("#mic-btn").click();
    Awaitility.await("the guest sees the host's tile ringed as active speaker").atMost(MEDIA_TIMEOUT)
        .until(() -> !guest.findAll(tile(hostId) + ".speaking").isEmpty());
    assertThat(guest.execute("return window.confero.activeSpeaker;")).isEqualTo(hostId);
    assertThat(guest.findAll(tile(guestId) + ".speaking")).isEmpty();

    guest.find("#layout-btn").click();
    assertThat(guest.execute("return window.confero.layout;")).isEqualTo("speaker");
    awaitShown(guest, tile(hostId) + ".featured", "the host in the big tile of speaker view");
    assertThat(guest.find(tile(hostId)).getSize().getWidth())
        .isGreaterThan(3 * guest.find(tile(guestId)).getSize().getWidth());
    MediaAwait.awaitTileVideoPlaying(guest, hostId, MEDIA_TIMEOUT);
    guest.screenshot(shot("speaker-view.png"));
    guest.find("#layout-btn").click();
    assertThat(guest.execute("return window.confero.layout;")).isEqualTo("gallery");

    guest.find("#react-btn").click();
    guest.find("#reaction-bar .reaction-choice").click();
    awaitText(host, "#reactions .reaction-bubble", "Gus Guest");
    assertThat(host.find("#reactions .reaction-emoji").getText()).isEqualTo("👍");
    guest.find("#hand-btn").click();
    Awaitility.await("the host sees the guest's raised hand").atMost(UI_TIMEOUT)
        .until(() -> !host.findAll("#hands-list .hand-person[data-participant-id='" + guestId + "']").isEmpty());

    host.find("#chat-btn").click();
    host.find("#chat-input").sendKeys("Welcome! Agenda is in the doc.");
    host.find("#chat-send").click();
    awaitText(guest, "#chat-unread", "1");
    guest.find("#chat-btn").click();
    awaitText(guest, "#chat-list .chat-text", "Welcome! Agenda is in the doc.");
    guest.find("#chat-input").sendKeys("Thanks, reading it now");
    guest.find("#chat-send").click();
    awaitText(host, "#chat-list .chat-text", "Thanks, reading it now");
    host.screenshot(shot("chat.png"));

    // a reload within the reconnect grace takes the seat back without the pre-join
    guest.driver().navigate().refresh();
    MediaAwait.awaitConferoState(guest, "joined", JOIN_TIMEOUT);
    guest.find("#chat-btn").click();
    Awaitility.await("the chat history after a reload").atMost(UI_TIMEOUT).until(() ->
        guest.findAll("#chat-list .chat-text").stream().map(e -> e.getText()).toList()
            .equals(java.util.List.of("Welcome! Agenda is in the doc.", "Thanks, reading it now")));
  }

  @Test
  void aScreenShareReachesTheOtherSideAndASecondPresenterIsRefusedUnlessTheHostAllowsMore() throws Exception {
    E2EServer.Meeting m = meeting("Design review", null);
    String hostId = joinAsHost(host, m, "Hannah Host");
    String guestId = joinAsGuest(guest, m, "Gus Guest");
    MediaAwait.awaitFramesDecodedRising(host, 1, MEDIA_TIMEOUT);

    guest.find("#screen-btn").click();
    String guestScreen = "#spotlight .screen-tile[data-screen-of='" + guestId + "'] video";
    Awaitility.await("the host decodes the guest's screen").atMost(MEDIA_TIMEOUT).until(() ->
        !host.findAll(guestScreen).isEmpty() && ((Number) host.execute(
            "const v = document.querySelector(arguments[0]); return v ? v.videoWidth : 0;", guestScreen)).intValue() > 0);
    MediaAwait.awaitFramesDecodedRising(host, 2, MEDIA_TIMEOUT);
    MediaAwait.awaitFramesDecodedRising(guest, 1, MEDIA_TIMEOUT);
    host.screenshot(shot("screen-share.png"));

    // the page knows someone presents and says so without asking for a screen
    host.find("#screen-btn").click();
    awaitText(host, "#toasts .toast.error", "Gus Guest is presenting");
    assertThat(host.find("#screen-btn").getAttribute("aria-pressed")).isEqualTo("false");
    assertThat(host.findAll("[data-track-id='local-screen']")).isEmpty();
    host.find("#participants-btn").click();
    host.find("#multi-share-btn").click();
    awaitText(host, "#multi-share-btn", "One presenter at a time");
    awaitText(guest, "#toasts .toast", "Several people may now present at once");
    host.find("#screen-btn").click();
    Awaitility.await("the guest receives the host's screen as well").atMost(MEDIA_TIMEOUT).until(() ->
        guest.findAll("#spotlight .screen-tile[data-screen-of='" + hostId + "']").size() == 1);
    assertThat(host.find("#screen-btn").getAttribute("aria-pressed")).isEqualTo("true");
  }

  /**
   * Two people press share at nearly the same moment: the second page has not heard of the first
   * share yet, so only the server can refuse it. The server answers that publish with the screen
   * section rejected; the page stops its screen cleanly (no live transceiver left holding the ended
   * capture) and, once the first presenter stops, its next share reaches the others without a reload.
   */
  @Test
  void aShareTheServerRefusesInARaceLeavesNoDeadSlotAndTheNextShareReachesTheOthers() throws Exception {
    E2EServer.Meeting m = meeting("Share race", null);
    String hostId = joinAsHost(host, m, "Hannah Host");
    String guestId = joinAsGuest(guest, m, "Gus Guest");
    MediaAwait.awaitFramesDecodedRising(host, 1, MEDIA_TIMEOUT);
    guest.find("#screen-btn").click();
    String guestScreen = "#spotlight .screen-tile[data-screen-of='" + guestId + "'] video";
    awaitScreenDecoded(host, guestScreen, "the host decodes the guest's screen");

    // as in a race, the host's page does not know of the guest's share when its button is pressed
    host.execute("const tile = document.querySelector(arguments[0]).closest('.screen-tile');"
        + "tile.dataset.screenOf = window.confero.selfId;"
        + "document.getElementById('screen-btn').click();"
        + "tile.dataset.screenOf = arguments[1];", guestScreen, guestId);
    awaitText(host, "#toasts .toast.error", "Someone else is presenting");
    assertThat(host.find("#screen-btn").getAttribute("aria-pressed")).isEqualTo("false");
    assertThat(host.findAll("[data-track-id='local-screen']")).isEmpty();
    Object dead = host.execute("return window.confero.publisher.getTransceivers().filter(t => t.direction !== 'stopped'"
        + " && t.currentDirection !== 'stopped' && t.sender.track && t.sender.track.readyState === 'ended')"
        + ".map(t => t.mid + ' ' + t.direction + ' ' + t.currentDirection);");
    assertThat((java.util.List<?>) dead).as("live transceivers holding an ended capture").isEmpty();
    assertThat(guest.findAll("#spotlight .screen-tile[data-screen-of='" + hostId + "']")).isEmpty();

    guest.find("#screen-btn").click();
    Awaitility.await("the guest's screen leaves the host's page").atMost(MEDIA_TIMEOUT).until(() ->
        host.findAll(guestScreen).isEmpty());
    host.find("#screen-btn").click();
    awaitScreenDecoded(guest, "#spotlight .screen-tile[data-screen-of='" + hostId + "'] video",
        "the guest decodes the host's screen, shared again without a reload");
    assertThat(host.find("#screen-btn").getAttribute("aria-pressed")).isEqualTo("true");
    MediaAwait.awaitFramesDecodedRising(guest, 2, MEDIA_TIMEOUT);
  }

  static void awaitScreenDecoded(BrowserSession b, String videoCss, String what) {
    Awaitility.await(what).atMost(MEDIA_TIMEOUT).until(() -> !b.findAll(videoCss).isEmpty() && ((Number) b.execute(
        "const v = document.querySelector(arguments[0]); return v ? v.videoWidth : 0;", videoCss)).intValue() > 0);
  }

  @Test
  void lockRefusesANewcomerTheHostRemovesAGuestForGoodAndEndsTheMeetingForEveryone() throws Exception {
    E2EServer.Meeting m = meeting("All hands", null);
    joinAsHost(host, m, "Hannah Host");
    RestClient.Response guestSeat = seat(m, "Gus Guest", "participant", "user-gus");
    String guestId = connect(guest, m, guestSeat, "Gus Guest");

    host.find("#participants-btn").click();
    host.find("#lock-btn").click();
    awaitText(host, "#lock-btn", "Unlock meeting");
    third.open(server.joinUrl(m));
    third.join("Tara Late");
    MediaAwait.awaitConferoState(third, "locked", JOIN_TIMEOUT);
    awaitText(third, "#end-title", "This meeting is locked");
    assertThat(third.find("#rejoin-btn").getText()).isEqualTo("Try again");
    third.screenshot(shot("locked.png"));

    host.find("#lock-btn").click();
    awaitText(host, "#lock-btn", "Lock meeting");
    third.find("#rejoin-btn").click();
    MediaAwait.awaitConferoState(third, "joined", JOIN_TIMEOUT);
    MediaAwait.awaitFramesDecodedRising(host, 2, MEDIA_TIMEOUT);
    host.screenshot(shot("host-controls.png"));

    confirmEverything(host);
    host.find(".person[data-participant-id='" + guestId + "'] button[data-action='Remove']").click();
    MediaAwait.awaitConferoState(guest, "ended", UI_TIMEOUT);
    awaitText(guest, "#end-title", "You were removed from this meeting");
    assertThat(guest.find("#rejoin-btn").isDisplayed()).isFalse();
    // the same seat is refused, and the integrator cannot issue the removed user a new one
    guest.execute("document.getElementById('end-title').textContent = '';"
        + "window.confero.connectWith(JSON.parse(arguments[0]), 'Gus Guest');", guestSeat.body());
    awaitText(guest, "#end-title", "You were removed from this meeting");
    RestClient.Response again = seat(m, "Gus Again", "participant", "user-gus");
    assertThat(again.status()).isEqualTo(403);
    assertThat(again.body()).contains("participant-removed");
    Awaitility.await("the guest's tile is gone for the host").atMost(UI_TIMEOUT)
        .until(() -> host.findAll(tile(guestId)).isEmpty());

    host.find("#end-all-btn").click();
    for (BrowserSession b : java.util.List.of(host, third)) {
      MediaAwait.awaitConferoState(b, "ended", UI_TIMEOUT);
      awaitText(b, "#end-title", "The meeting has ended");
    }
    third.screenshot(shot("meeting-ended.png"));
  }
}
