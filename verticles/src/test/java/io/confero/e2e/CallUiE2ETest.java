package io.confero.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.api.RestClient;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The call as a product (issue 19): a phone-width page (390x844, touch) reaches every control
 * through the bar or its More menu and shows every notification inside the viewport. A desktop
 * Chromium hosts; the phone Chromium has three fake cameras (Chromium's second fake camera
 * is a Y16 depth camera that no encoder takes, so device switching uses the third, MJPEG one). Screenshots land in
 * {@code target/e2e-screenshots/CallUiE2ETest/} (copies in docs/screenshots/).
 */
@EndToEnd
class CallUiE2ETest {
  static final Duration JOIN_TIMEOUT = Duration.ofSeconds(60);
  static final Duration MEDIA_TIMEOUT = Duration.ofSeconds(90);
  static final Duration UI_TIMEOUT = Duration.ofSeconds(30);
  /** Controls of the call bar a phone shows directly; the others are reached through More. */
  static final List<String> BAR = List.of("mic-btn", "cam-btn", "hand-btn", "more-btn", "leave-btn");
  static final List<String> BEHIND_MORE = List.of("screen-btn", "react-btn", "participants-btn", "chat-btn", "layout-btn");

  @RegisterExtension
  static final Browsers browsers = new Browsers();

  static E2EServer server;
  static BrowserSession host;
  static BrowserSession phone;

  @BeforeAll
  static void start() throws Exception {
    server = E2EServer.start();
    host = browsers.launch("host");
    phone = browsers.launch("phone", options -> {
      options.addArguments("--use-fake-device-for-media-stream=device-count=3");
      options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics",
          Map.of("width", 390, "height", 844, "pixelRatio", 1.0, "touch", true)));
    });
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  static Path shot(String name) {
    return Browsers.screenshotDir().resolve("CallUiE2ETest").resolve(name);
  }

  static E2EServer.Meeting meeting(String title, JsonObject settings) throws Exception {
    JsonObject body = new JsonObject().put("title", title).put("settings", settings);
    RestClient.Response r = server.rest().authed(server.token(), "POST", "/api/v1/meetings", body.encode());
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    String url = r.json().getString("join_url");
    return new E2EServer.Meeting(r.json().getString("meeting_id"), url.substring(url.lastIndexOf('/') + 1), title, r.json());
  }

  /** Joins {@code b} with a host seat from the integrator API. */
  static String joinAsHost(BrowserSession b, E2EServer.Meeting m, String name) throws Exception {
    String req = new JsonObject().put("display_name", name).put("role", "host").encode();
    RestClient.Response seat = server.rest().authed(server.token(), "POST", "/api/v1/meetings/" + m.id() + "/join", req);
    assertThat(seat.status()).as(seat.body()).isEqualTo(200);
    b.open(server.joinUrl(m));
    b.execute("window.confero.connectWith(JSON.parse(arguments[0]), arguments[1]);", seat.body(), name);
    MediaAwait.awaitConferoState(b, "joined", JOIN_TIMEOUT);
    return (String) b.execute("return window.confero.selfId;");
  }

  static String joinAsGuest(BrowserSession b, E2EServer.Meeting m, String name) {
    b.open(server.joinUrl(m));
    b.join(name);
    MediaAwait.awaitConferoState(b, "joined", JOIN_TIMEOUT);
    return (String) b.execute("return window.confero.selfId;");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> where(BrowserSession b, String css) {
    return (Map<String, Object>) b.execute(BrowserSession.resource("reachable.js"), css);
  }

  /** Visible, inside the viewport, reached by a tap on its centre, and at least 40 px on each side. */
  static void assertTappable(BrowserSession b, String css) {
    Map<String, Object> at = where(b, css);
    assertThat(at).as(css).containsEntry("visible", true).containsEntry("inside", true).containsEntry("hit", true);
    assertThat(((Number) at.get("w")).intValue()).as(css + " width").isGreaterThanOrEqualTo(40);
    assertThat(((Number) at.get("h")).intValue()).as(css + " height").isGreaterThanOrEqualTo(40);
  }

  static void awaitText(BrowserSession b, String css, String text) {
    Awaitility.await(b.name() + " shows '" + text + "' in " + css).atMost(UI_TIMEOUT).until(() -> Boolean.TRUE.equals(
        b.execute("return [...document.querySelectorAll(arguments[0])].some(e => e.textContent.includes(arguments[1]));",
            css, text)));
  }

  /** Every toast the page shows now lies wholly inside the viewport; answers how many there were. */
  static long assertToastsInside(BrowserSession b) {
    List<?> toasts = (List<?>) b.execute("return [...document.querySelectorAll('#toasts .toast')];");
    for (Object t : toasts) {
      @SuppressWarnings("unchecked")
      Map<String, Object> at = (Map<String, Object>) b.execute(BrowserSession.resource("reachable.js"), t);
      assertThat(at).as("a notification on the phone").containsEntry("visible", true).containsEntry("inside", true);
    }
    return toasts.size();
  }

  static void openFromMore(BrowserSession b, String target) {
    b.find("#more-btn").click();
    String item = "#more-menu .menu-item[data-target='" + target + "']";
    assertTappable(b, item);
    b.find(item).click();
  }

  @Test
  void onAPhoneEveryControlIsReachableAndEveryNotificationInsideTheScreen() throws Exception {
    E2EServer.Meeting m = meeting("Phone call", new JsonObject());
    joinAsGuest(phone, m, "Pat Phone");
    assertThat(((Number) phone.execute("return window.innerWidth;")).intValue()).isEqualTo(390);
    joinAsHost(host, m, "Hannah Host");
    awaitText(phone, "#toasts .toast", "Hannah Host joined");
    assertThat(assertToastsInside(phone)).isPositive();
    MediaAwait.awaitFramesDecodedRising(phone, 1, MEDIA_TIMEOUT);
    phone.screenshot(shot("phone-call.png"));
    host.screenshot(shot("desktop-call.png"));

    for (String id : BAR) {
      assertTappable(phone, "#" + id);
    }
    for (String id : BEHIND_MORE) {
      assertThat(where(phone, "#" + id)).as(id + " sits behind More on a phone").containsEntry("visible", false);
    }
    phone.find("#more-btn").click();
    for (String id : BEHIND_MORE) {
      assertTappable(phone, "#more-menu .menu-item[data-target='" + id + "']");
    }
    phone.screenshot(shot("phone-more-menu.png"));
    phone.find("#more-btn").click();
    assertThat(phone.find("#more-menu").isDisplayed()).isFalse();

    // a chat message while the panel is closed marks More; the chat opens from the menu and fits
    host.find("#chat-btn").click();
    host.find("#chat-input").sendKeys("Can you see the agenda on your phone?");
    host.find("#chat-send").click();
    Awaitility.await("More carries a dot for the unread message").atMost(UI_TIMEOUT)
        .until(() -> phone.find("#more-badge").isDisplayed());
    openFromMore(phone, "chat-btn");
    awaitText(phone, "#chat-list .chat-text", "Can you see the agenda on your phone?");
    assertTappable(phone, "#chat-send");
    assertTappable(phone, "#close-chat-btn");
    phone.find("#chat-input").sendKeys("Yes, all of it");
    phone.find("#chat-send").click();
    awaitText(host, "#chat-list .chat-text", "Yes, all of it");
    phone.screenshot(shot("phone-chat.png"));
    phone.find("#close-chat-btn").click();

    openFromMore(phone, "participants-btn");
    assertTappable(phone, "#close-panel-btn");
    awaitText(phone, "#participants-list .person-name", "Hannah Host");
    phone.find("#close-panel-btn").click();

    openFromMore(phone, "react-btn");
    assertTappable(phone, "#reaction-bar .reaction-choice");
    phone.find("#reaction-bar .reaction-choice").click();
    awaitText(host, "#reactions .reaction-bubble", "Pat Phone");

    openFromMore(phone, "layout-btn");
    assertThat(phone.execute("return window.confero.layout;")).isEqualTo("speaker");
    openFromMore(phone, "layout-btn");
    assertThat(phone.execute("return window.confero.layout;")).isEqualTo("gallery");

    // an error notification (someone else presents) also stays inside the screen
    host.find("#screen-btn").click();
    Awaitility.await("the phone shows the host's screen").atMost(MEDIA_TIMEOUT)
        .until(() -> !phone.findAll("#spotlight .screen-tile").isEmpty());
    openFromMore(phone, "screen-btn");
    awaitText(phone, "#toasts .toast.error", "is presenting");
    assertThat(assertToastsInside(phone)).isPositive();
    phone.screenshot(shot("phone-screen-share.png"));
    host.find("#screen-btn").click();
  }
  @Test
  void everyControlHasANameAndTheShortcutsWorkWithAHelpSheet() throws Exception {
    E2EServer.Meeting m = meeting("Shortcuts", new JsonObject());
    joinAsHost(host, m, "Hannah Host");
    host.find("#participants-btn").click();
    host.find("#more-btn").click();
    List<String> unnamed = new java.util.ArrayList<>();
    for (org.openqa.selenium.WebElement b : host.findAll("#call button, #call [role='menuitem']")) {
      if (!b.isDisplayed()) {
        continue;
      }
      String name = b.getAccessibleName();
      if (name == null || name.isBlank() || name.strip().matches("[0-9()\\s]+")) {
        unnamed.add(b.getAttribute("id") + "=" + name);
      }
    }
    assertThat(unnamed).as("buttons without a proper accessible name").isEmpty();
    assertThat(host.find("#participants-btn").getAccessibleName()).isEqualTo("Show everyone");
    host.find("#more-btn").click();
    host.find("#participants-btn").click();

    org.openqa.selenium.WebElement body = host.find("body");
    body.sendKeys("m");
    Awaitility.await("M turns the microphone off").atMost(UI_TIMEOUT)
        .until(() -> "false".equals(host.find("#mic-btn").getAttribute("aria-pressed")));
    body.sendKeys("v");
    Awaitility.await("V turns the camera off").atMost(UI_TIMEOUT)
        .until(() -> "false".equals(host.find("#cam-btn").getAttribute("aria-pressed")));
    body.sendKeys("m");
    body.sendKeys("v");
    Awaitility.await("M and V turn both back on").atMost(UI_TIMEOUT)
        .until(() -> "true".equals(host.find("#mic-btn").getAttribute("aria-pressed"))
            && "true".equals(host.find("#cam-btn").getAttribute("aria-pressed")));
    body.sendKeys("h");
    Awaitility.await("H raises the hand").atMost(UI_TIMEOUT)
        .until(() -> "true".equals(host.find("#hand-btn").getAttribute("aria-pressed")));
    body.sendKeys("p");
    Awaitility.await("P shows everyone").atMost(UI_TIMEOUT).until(() -> host.find("#side-panel").isDisplayed());
    body.sendKeys("c");
    Awaitility.await("C opens the chat").atMost(UI_TIMEOUT).until(() -> host.find("#chat-panel").isDisplayed());
    host.find("#chat-input").sendKeys("m");
    assertThat(host.find("#mic-btn").getAttribute("aria-pressed")).as("typing m in the chat mutes nothing").isEqualTo("true");
    host.find("#close-chat-btn").click();

    host.find("body").sendKeys("?");
    Awaitility.await("? opens the help sheet").atMost(UI_TIMEOUT).until(() -> host.find("#shortcuts-dialog").isDisplayed());
    assertThat(host.find("#shortcuts-list").getText()).contains("Turn microphone on or off", "Shift+L", "Ctrl+D");
    host.screenshot(shot("shortcuts.png"));
    host.find("#shortcuts-close").click();
    host.find("body").sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.SHIFT, "l"));
    MediaAwait.awaitConferoState(host, "left", UI_TIMEOUT);
  }

  /** The device id of the track the publisher sends for {@code kind} ('audio' or 'video'). */
  static String sentDevice(BrowserSession b, String kind) {
    return (String) b.execute("const s = window.confero.publisher.getSenders().find(x => x.track && x.track.kind === arguments[0]);"
        + "return s && s.track.readyState === 'live' ? s.track.getSettings().deviceId : null;", kind);
  }

  @SuppressWarnings("unchecked")
  static List<String> options(BrowserSession b, String css) {
    return (List<String>) b.execute("return [...document.querySelectorAll(arguments[0] + ' option')].map(o => o.value);", css);
  }

  static double meter(BrowserSession b, String css) {
    return ((Number) b.execute("return document.querySelector(arguments[0]).value;", css)).doubleValue();
  }

  @Test
  void microphoneCameraAndNoiseSuppressionSwitchMidCallWhileMediaKeepsFlowing() throws Exception {
    E2EServer.Meeting m = meeting("Devices", new JsonObject());
    joinAsHost(host, m, "Hannah Host");
    phone.open(server.joinUrl(m));
    Awaitility.await("the pre-join level meter moves with the fake microphone's beeps").atMost(UI_TIMEOUT)
        .until(() -> meter(phone, "#pre-mic-level") > 0.05);
    phone.join("Pat Phone");
    MediaAwait.awaitConferoState(phone, "joined", JOIN_TIMEOUT);
    MediaAwait.awaitFramesDecodedRising(host, 1, MEDIA_TIMEOUT);
    MediaAwait.awaitAudioSamplesRising(host, 1, MEDIA_TIMEOUT);

    phone.find("#more-btn").click();
    assertTappable(phone, "#settings-item");
    phone.find("#settings-item").click();
    Awaitility.await("the settings dialog").atMost(UI_TIMEOUT).until(() -> phone.find("#settings-dialog").isDisplayed());
    assertTappable(phone, "#settings-close");
    Awaitility.await("the settings level meter moves").atMost(UI_TIMEOUT).until(() -> meter(phone, "#set-mic-level") > 0.05);
    phone.screenshot(shot("phone-settings.png"));

    List<String> cameras = options(phone, "#set-cam");
    assertThat(cameras).as("three fake cameras (device-count=3)").hasSize(3);
    String camBefore = sentDevice(phone, "video");
    String camAfter = cameras.get(2);
    assertThat(camAfter).isNotEqualTo(camBefore);
    new org.openqa.selenium.support.ui.Select(phone.find("#set-cam")).selectByValue(camAfter);
    Awaitility.await("the phone sends the other camera").atMost(UI_TIMEOUT).until(() -> camAfter.equals(sentDevice(phone, "video")));
    MediaAwait.awaitFramesEncodedRising(phone.publisher(), 1, MEDIA_TIMEOUT);
    MediaAwait.awaitBytesSentRising(phone.publisher(), 2, MEDIA_TIMEOUT);
    MediaAwait.awaitFramesDecodedRising(host, 1, MEDIA_TIMEOUT);

    List<String> mics = options(phone, "#set-mic");
    assertThat(mics).as("fake microphones").hasSizeGreaterThanOrEqualTo(2);
    String micBefore = sentDevice(phone, "audio");
    String micAfter = mics.stream().filter(id -> !id.equals(micBefore)).findFirst().orElseThrow();
    new org.openqa.selenium.support.ui.Select(phone.find("#set-mic")).selectByValue(micAfter);
    Awaitility.await("the phone sends the other microphone").atMost(UI_TIMEOUT).until(() -> micAfter.equals(sentDevice(phone, "audio")));
    MediaAwait.awaitAudioSamplesRising(host, 1, MEDIA_TIMEOUT);

    assertThat(phone.find("#set-noise").isSelected()).isTrue();
    phone.find("label[for='set-noise']").click();
    Awaitility.await("the microphone reopens without noise suppression").atMost(UI_TIMEOUT).until(() -> Boolean.FALSE.equals(
        phone.execute("const s = window.confero.publisher.getSenders().find(x => x.track && x.track.kind === 'audio');"
            + "return s.track.readyState === 'live' ? s.track.getSettings().noiseSuppression : null;")));
    MediaAwait.awaitAudioSamplesRising(host, 1, MEDIA_TIMEOUT);
    MediaAwait.awaitFramesDecodedRising(host, 1, MEDIA_TIMEOUT);

    // background blur: the vendored model, served by Confero itself, runs in the page; the call sends the canvas
    phone.find("label[for='set-blur']").click();
    Awaitility.await("the phone sends its blurred camera").atMost(MEDIA_TIMEOUT).until(() -> "CanvasCaptureMediaStreamTrack".equals(
        phone.execute("const s = window.confero.publisher.getSenders().find(x => x.track && x.track.kind === 'video');"
            + "return s ? s.track.constructor.name : null;")));
    MediaAwait.awaitFramesDecodedRising(host, 1, MEDIA_TIMEOUT);
    List<?> fetched = (List<?>) phone.execute("return performance.getEntriesByType('resource').map(e => e.name)"
        + ".filter(n => n.includes('selfie_segmentation') || !n.startsWith(location.origin));");
    assertThat(fetched).as("what the blur loaded, all from this server").isNotEmpty()
        .allSatisfy(n -> assertThat((String) n).startsWith(server.baseUrl() + "/vendor/mediapipe-selfie-segmentation/"));
    Awaitility.await("the settings preview shows the blurred camera").atMost(UI_TIMEOUT)
        .until(() -> phone.find("#set-blur").isEnabled() && phone.find("#set-blur").isSelected());
    phone.screenshot(shot("phone-settings-blur.png"));
    phone.find("label[for='set-blur']").click();
    Awaitility.await("the camera itself again").atMost(UI_TIMEOUT).until(() -> camAfter.equals(sentDevice(phone, "video")));
    MediaAwait.awaitFramesDecodedRising(host, 1, MEDIA_TIMEOUT);

    List<String> speakers = options(phone, "#set-speaker");
    if (speakers.size() > 1) {
      String speaker = speakers.get(speakers.size() - 1);
      new org.openqa.selenium.support.ui.Select(phone.find("#set-speaker")).selectByValue(speaker);
      Awaitility.await("remote audio plays on the chosen speaker").atMost(UI_TIMEOUT).until(() -> Boolean.TRUE.equals(
          phone.execute("const a = [...document.querySelectorAll('#audio-sink audio')];"
              + "return a.length > 0 && a.every(x => x.sinkId === arguments[0]);", speaker)));
    } else {
      assertThat(phone.find("#set-speaker").isEnabled()).as("no speaker to choose: the list says so").isFalse();
    }
    phone.find("#settings-close").click();
    assertThat(phone.find("#settings-dialog").isDisplayed()).isFalse();
  }

  @Test
  void theWaitingRoomCannotBeMissedAndTheGuestSeesTheirPreviewNameAndCancel() throws Exception {
    E2EServer.Meeting m = meeting("Waiting room", new JsonObject().put("waiting_room", true));
    joinAsHost(host, m, "Hannah Host");
    phone.open(server.joinUrl(m));
    phone.join("Pat Phone");
    MediaAwait.awaitConferoState(phone, "waiting", JOIN_TIMEOUT);
    Awaitility.await("the waiting guest sees their own camera").atMost(UI_TIMEOUT).until(() ->
        ((Number) phone.execute("return document.getElementById('waiting-preview').videoWidth;")).intValue() > 0);
    assertThat(phone.find("#waiting-name").getText()).isEqualTo("Pat Phone");
    assertTappable(phone, "#waiting-cancel");
    phone.screenshot(shot("phone-waiting-room.png"));

    String note = "#toasts .toast.knock";
    Awaitility.await("the host's knock notification").atMost(UI_TIMEOUT).until(() -> !host.findAll(note).isEmpty());
    assertThat(host.find(note).getText()).contains("Pat Phone wants to join");
    assertThat(host.find("#waiting-badge").getText()).isEqualTo("1");
    assertTappable(host, note + " button[data-action='admit']");
    assertTappable(host, note + " button[data-action='deny']");
    // ordinary notifications go after 5 s; this one stays until someone decides
    Awaitility.await("the knock notification lasts").during(Duration.ofSeconds(7)).atMost(UI_TIMEOUT)
        .until(() -> host.findAll(note).size() == 1 && host.find("#waiting-badge").isDisplayed());
    host.screenshot(shot("waiting-room-host-notice.png"));

    phone.find("#waiting-cancel").click();
    MediaAwait.awaitConferoState(phone, "left", UI_TIMEOUT);
    Awaitility.await("the notification and badge go when the guest cancels").atMost(UI_TIMEOUT)
        .until(() -> host.findAll(note).isEmpty() && !host.find("#waiting-badge").isDisplayed());

    phone.find("#rejoin-btn").click();
    MediaAwait.awaitConferoState(phone, "waiting", JOIN_TIMEOUT);
    Awaitility.await("the guest knocks again").atMost(UI_TIMEOUT).until(() -> !host.findAll(note).isEmpty());
    host.find(note + " button[data-action='admit']").click();
    MediaAwait.awaitConferoState(phone, "joined", JOIN_TIMEOUT);
    assertThat(host.findAll(note)).isEmpty();
  }

  @Test
  void meetingDetailsCopyTheLinkHandsShowInOrderAndPinsStayLocal() throws Exception {
    E2EServer.Meeting m = meeting("Invite and hands", new JsonObject());
    String hostId = joinAsHost(host, m, "Hannah Host");
    String phoneId = joinAsGuest(phone, m, "Pat Phone");

    host.find("#info-btn").click();
    Awaitility.await("the meeting details").atMost(UI_TIMEOUT).until(() -> host.find("#info-dialog").isDisplayed());
    assertThat(host.find("#info-link").getAttribute("value")).isEqualTo(m.json().getString("join_url"));
    host.find("#info-copy").click();
    awaitText(host, "#info-copy", "Copied");
    host.screenshot(shot("meeting-details.png"));
    host.find("#info-close").click();
    openFromMore(phone, "info-btn");
    Awaitility.await("the details on the phone").atMost(UI_TIMEOUT).until(() -> phone.find("#info-dialog").isDisplayed());
    assertTappable(phone, "#info-copy");
    assertTappable(phone, "#info-close");
    assertThat(where(phone, "#info-link")).containsEntry("inside", true);
    phone.screenshot(shot("phone-meeting-details.png"));
    phone.find("#info-close").click();

    phone.find("#hand-btn").click();
    awaitText(host, "#toasts .toast", "Pat Phone raised their hand");
    assertThat(assertToastsInside(host)).isPositive();
    String phoneHand = "[data-participant-id='" + phoneId + "'] .tile-hand";
    Awaitility.await("the hand on the phone's tile").atMost(UI_TIMEOUT).until(() -> host.find(phoneHand).isDisplayed());
    assertThat(host.find(phoneHand + " .hand-order").getText()).isEqualTo("1");
    host.find("#hand-btn").click();
    String hostHand = ".tile[data-participant-id='" + hostId + "'] .tile-hand";
    Awaitility.await("the host's hand second on the phone").atMost(UI_TIMEOUT).until(() -> phone.find(hostHand).isDisplayed()
        && "2".equals(phone.find(hostHand + " .hand-order").getText()));
    assertThat(phone.find(".tile[data-participant-id='" + phoneId + "'] .hand-order").getText()).isEqualTo("1");
    host.screenshot(shot("raised-hands.png"));

    String hostTile = ".tile[data-participant-id='" + hostId + "']";
    assertTappable(phone, hostTile + " .tile-pin");
    assertThat(phone.find(hostTile + " .tile-pin").getAccessibleName()).isEqualTo("Pin Hannah Host");
    phone.find(hostTile + " .tile-pin").click();
    Awaitility.await("the pinned host fills the phone's stage").atMost(UI_TIMEOUT)
        .until(() -> !phone.findAll(hostTile + ".pinned.featured").isEmpty());
    assertThat(phone.find(hostTile).getSize().getHeight())
        .isGreaterThan(2 * phone.find(".tile[data-participant-id='" + phoneId + "']").getSize().getHeight());
    assertThat(host.findAll(".tile.pinned")).as("a pin is local to the page that pinned").isEmpty();
    phone.screenshot(shot("phone-pinned.png"));
    phone.find(hostTile + " .tile-pin").click();
    Awaitility.await("unpinned").atMost(UI_TIMEOUT).until(() -> phone.findAll(".tile.pinned, .tile.featured").isEmpty());
  }

  @Test
  void theCallSpeaksGermanWhenChosenInSettingsAndEnglishAgainAfter() throws Exception {
    E2EServer.Meeting m = meeting("Sprachen", new JsonObject());
    joinAsHost(host, m, "Hannah Host");
    host.find("#more-btn").click();
    host.find("#settings-item").click();
    Awaitility.await("the settings dialog").atMost(UI_TIMEOUT).until(() -> host.find("#settings-dialog").isDisplayed());
    try {
      new org.openqa.selenium.support.ui.Select(host.find("#set-lang")).selectByValue("de");
      awaitText(host, "#settings-title", "Einstellungen");
      assertThat(host.execute("return document.documentElement.lang;")).isEqualTo("de");
      host.screenshot(shot("settings-de.png"));
      host.find("#settings-close").click(); // outside an open modal dialog the page is inert: no names
      assertThat(host.find("#mic-btn").getAccessibleName()).isEqualTo("Mikrofon ausschalten");
      assertThat(host.find("#participants-btn").getAccessibleName()).isEqualTo("Alle anzeigen");
      assertThat(host.find("#layout-btn").getAccessibleName()).isEqualTo("Sprecheransicht");
      joinAsGuest(phone, m, "Pat Phone");
      awaitText(host, "#toasts .toast", "Pat Phone ist beigetreten");
      host.find("body").sendKeys("?");
      awaitText(host, "#shortcuts-list", "Mikrofon ein- oder ausschalten");
      host.find("#shortcuts-close").click();
    } finally { // the profile keeps the choice: the other tests expect English
      host.execute("localStorage.setItem('confero.language', 'en');");
    }
    host.find("#more-btn").click();
    host.find("#settings-item").click();
    new org.openqa.selenium.support.ui.Select(host.find("#set-lang")).selectByValue("en");
    awaitText(host, "#settings-title", "Settings");
    host.find("#settings-close").click();
    assertThat(host.find("#mic-btn").getAccessibleName()).isEqualTo("Turn off microphone");
  }
}
