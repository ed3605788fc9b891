package io.confero.e2e;

import static io.confero.e2e.CallPages.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.support.ui.Select;

/**
 * The call as a product (issue 19), its features, with a desktop host and a phone guest: devices,
 * noise suppression and background blur switched mid-call while media keeps flowing, the waiting
 * room, meeting details, raised hands in order and local pins. Screenshots land in
 * {@code target/e2e-screenshots/CallFeaturesE2ETest/} (copies in docs/screenshots/).
 */
@EndToEnd
class CallFeaturesE2ETest {
  @RegisterExtension
  static final Browsers browsers = new Browsers();
  @RegisterExtension
  static final RunningServer running = new RunningServer();

  static E2EServer server;
  static BrowserSession host;
  static BrowserSession phone;

  @BeforeAll
  static void start() throws Exception {
    server = running.get();
    host = browsers.launch("host");
    phone = launchPhone(browsers);
  }

  static Path shot(String name) {
    return Browsers.screenshotDir().resolve("CallFeaturesE2ETest").resolve(name);
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
    E2EServer.Meeting m = meeting(server, "Devices", new JsonObject());
    joinAsHost(server, host, m, "Hannah Host");
    phone.open(server.joinUrl(m));
    Awaitility.await("the pre-join level meter moves with the fake microphone's beeps").atMost(UI_TIMEOUT)
        .until(() -> meter(phone, "#pre-mic-level") > 0.05);
    phone.join("Pat Phone");
    MediaAwait.awaitConferoState(phone, "joined", JOIN_TIMEOUT);
    MediaAwait.awaitFramesDecodedRising(host, 1, MEDIA_TIMEOUT);
    MediaAwait.awaitAudioSamplesRising(host, 1, MEDIA_TIMEOUT);

    openSettings(phone);
    assertTappable(phone, "#settings-close");
    Awaitility.await("the settings level meter moves").atMost(UI_TIMEOUT).until(() -> meter(phone, "#set-mic-level") > 0.05);
    phone.screenshot(shot("phone-settings.png"));

    List<String> cameras = options(phone, "#set-cam");
    assertThat(cameras).as("three fake cameras (device-count=3)").hasSize(3);
    String camBefore = sentDevice(phone, "video");
    String camAfter = cameras.get(2);
    assertThat(camAfter).isNotEqualTo(camBefore);
    new Select(phone.find("#set-cam")).selectByValue(camAfter);
    Awaitility.await("the phone sends the other camera").atMost(UI_TIMEOUT).until(() -> camAfter.equals(sentDevice(phone, "video")));
    MediaAwait.awaitFramesEncodedRising(phone.publisher(), 1, MEDIA_TIMEOUT);
    MediaAwait.awaitBytesSentRising(phone.publisher(), 2, MEDIA_TIMEOUT);
    MediaAwait.awaitFramesDecodedRising(host, 1, MEDIA_TIMEOUT);

    List<String> mics = options(phone, "#set-mic");
    assertThat(mics).as("fake microphones").hasSizeGreaterThanOrEqualTo(2);
    String micBefore = sentDevice(phone, "audio");
    String micAfter = mics.stream().filter(id -> !id.equals(micBefore)).findFirst().orElseThrow();
    new Select(phone.find("#set-mic")).selectByValue(micAfter);
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
      new Select(phone.find("#set-speaker")).selectByValue(speaker);
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
    E2EServer.Meeting m = meeting(server, "Waiting room", new JsonObject().put("waiting_room", true));
    joinAsHost(server, host, m, "Hannah Host");
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
    E2EServer.Meeting m = meeting(server, "Invite and hands", new JsonObject());
    String hostId = joinAsHost(server, host, m, "Hannah Host");
    String phoneId = joinAsGuest(server, phone, m, "Pat Phone");

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
}
