package io.confero.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.api.RestClient;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The home page creates meetings: "New meeting" takes its creator to the pre-join as the host (the
 * host key travels in the URL fragment) and a second browser joins by the link as a participant,
 * each seeing the other's video; "Schedule" creates a meeting with a waiting room from the form
 * and shows a card with its link; with {@code web.open_create=false} the page says creating is off.
 * Takes the README's home page screenshots.
 */
@EndToEnd
class HomePageE2ETest {
  static final Duration MEDIA_TIMEOUT = Duration.ofSeconds(90);
  static final Duration UI_TIMEOUT = Duration.ofSeconds(30);
  static final String CODE = "[a-z]{3}-[a-z]{4}-[a-z]{3}";

  @RegisterExtension
  static final Browsers browsers = new Browsers();

  @RegisterExtension
  static final RunningServer server = new RunningServer();

  static Path shots() {
    return Browsers.screenshotDir().resolve("HomePageE2ETest");
  }

  static String selfRole(BrowserSession s) {
    return (String) s.execute("return window.confero.participants.get(window.confero.selfId).role;");
  }

  @Test
  void newMeetingMakesTheCreatorHostAndItsLinkBringsInAGuest() {
    BrowserSession host = browsers.launch("host");
    host.open(server.baseUrl() + "/");
    host.find("#new-meeting-btn").click();
    Awaitility.await("the creator lands on the pre-join of a new meeting").atMost(UI_TIMEOUT)
        .until(() -> host.driver().getCurrentUrl().matches(Pattern.quote(server.baseUrl()) + "/j/" + CODE)
            && !host.findAll("#join-btn").isEmpty());
    String link = host.driver().getCurrentUrl();
    assertThat(link).as("the host key left the address bar").doesNotContain("#");
    assertThat(host.find("#meeting-code").getText()).contains("you are the host");
    host.join("Hoda Host");
    MediaAwait.awaitConferoState(host, "joined", Duration.ofSeconds(60));
    assertThat(selfRole(host)).isEqualTo("host");

    BrowserSession guest = browsers.launch("guest");
    guest.open(link);
    assertThat(guest.find("#meeting-code").getText()).doesNotContain("host");
    guest.join("Gus Guest");
    MediaAwait.awaitConferoState(guest, "joined", Duration.ofSeconds(60));
    assertThat(selfRole(guest)).isEqualTo("participant");

    String hostId = (String) host.execute("return window.confero.selfId;");
    String guestId = (String) guest.execute("return window.confero.selfId;");
    MediaAwait.awaitTileVideoPlaying(host, guestId, MEDIA_TIMEOUT);
    MediaAwait.awaitTileVideoPlaying(guest, hostId, MEDIA_TIMEOUT);

    host.find("#participants-btn").click();
    Awaitility.await("the host has host controls for the guest").atMost(UI_TIMEOUT).until(() ->
        !host.findAll(".person[data-participant-id='" + guestId + "'] button[data-action='Mute']").isEmpty());
    guest.find("#participants-btn").click();
    Awaitility.await("the guest's people panel lists the host").atMost(UI_TIMEOUT).until(() ->
        !guest.findAll(".person[data-participant-id='" + hostId + "']").isEmpty());
    assertThat(guest.findAll(".person button[data-action='Mute']")).as("a participant has no host controls").isEmpty();
    host.screenshot(shots().resolve("home-instant-call.png"));
  }

  @Test
  void withOpenCreateOffThePageSaysWhy() throws Exception {
    try (E2EServer closed = E2EServer.start(Map.of("CONFERO_WEB_OPEN_CREATE", "false"))) {
      BrowserSession visitor = browsers.launch("visitor");
      visitor.open(closed.baseUrl() + "/");
      visitor.find("#new-meeting-btn").click();
      Awaitility.await("the home page explains that creating is off").atMost(UI_TIMEOUT)
          .until(() -> visitor.find("#create-error").getText().contains("turned off on this server"));
      assertThat(visitor.driver().getCurrentUrl()).isEqualTo(closed.baseUrl() + "/");
      assertThat(visitor.findAll("#my-meetings .my-meeting")).isEmpty();
      visitor.screenshot(shots().resolve("home-open-create-off.png"));
    }
  }

  @Test
  void scheduleFromTheFormShowsACardWithTheLink() throws Exception {
    BrowserSession planner = browsers.launch("planner");
    planner.open(server.baseUrl() + "/");
    planner.find("#schedule-btn").click();
    Awaitility.await("the schedule dialog opens").atMost(UI_TIMEOUT)
        .until(() -> planner.find("#schedule-dialog").isDisplayed());
    planner.find("#s-title").sendKeys("Quarterly planning");
    planner.execute("document.getElementById('s-date').value = arguments[0];"
        + "document.getElementById('s-time').value = '10:30';"
        + "document.getElementById('s-duration').value = '45';", LocalDate.now().plusDays(1).toString());
    planner.find("#s-waiting").click();
    planner.find("#s-e2ee").click();
    planner.screenshot(shots().resolve("home-schedule-form.png"));
    planner.find("#schedule-submit").click();

    Awaitility.await("the meeting card shows").atMost(UI_TIMEOUT)
        .until(() -> planner.find("#meeting-card").isDisplayed());
    String link = planner.find("#card-link").getAttribute("value");
    assertThat(link).matches(Pattern.quote(server.baseUrl()) + "/j/" + CODE);
    assertThat(planner.find("#card-title").getText()).isEqualTo("Quarterly planning");
    assertThat(planner.find("#card-options").getText()).contains("Waiting room on").contains("End-to-end encrypted");
    assertThat(planner.find("#card-open").getAttribute("href")).startsWith(link + "#host=");
    planner.find("#card-copy").click();
    Awaitility.await("the copy button confirms").atMost(UI_TIMEOUT)
        .until(() -> "Copied".equals(planner.find("#card-copy").getText()));
    planner.screenshot(shots().resolve("home-scheduled.png"));

    JsonObject created = new JsonObject((String) planner.execute("return JSON.stringify(window.conferoHome.created);"));
    RestClient.Response got = server.rest().authed(server.token(), "GET",
        "/api/v1/meetings/" + created.getString("meeting_id"), null);
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.json().getString("type")).isEqualTo("scheduled");
    assertThat(got.json().getString("title")).isEqualTo("Quarterly planning");
    assertThat(got.json().getInteger("duration_minutes")).isEqualTo(45);
    assertThat(got.json().getJsonObject("settings").getBoolean("waiting_room")).isTrue();
    assertThat(got.json().getJsonObject("settings").getBoolean("e2ee_enabled")).isTrue();
    assertThat(got.json().getJsonObject("settings").getBoolean("allow_recording")).isFalse();
    assertThat(got.json().getString("join_url")).isEqualTo(link);

    planner.find("#card-close").click();
    String code = link.substring(link.lastIndexOf('/') + 1);
    Awaitility.await("'Your meetings' lists it").atMost(UI_TIMEOUT)
        .until(() -> !planner.findAll("#my-meetings .my-meeting[data-code='" + code + "']").isEmpty()
            && !planner.find("#schedule-dialog").isDisplayed());
    planner.screenshot(shots().resolve("home.png"));
  }
}
