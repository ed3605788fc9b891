package io.confero.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.api.RestClient;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two browsers: a host (seat from the integrator API) and a guest (join link). The host mutes the
 * guest from the people panel; the guest's mic button shows muted and the host's subscriber stops
 * receiving the guest's audio bytes (the SFU stopped forwarding). Chat goes from the guest to the host.
 */
@EndToEnd
class HostControlsE2ETest {
  static final Duration MEDIA_TIMEOUT = Duration.ofSeconds(90);

  @RegisterExtension
  static final Browsers browsers = new Browsers();

  @RegisterExtension
  static final RunningServer server = new RunningServer();

  static long guestAudioBytes(BrowserSession host) {
    return host.stats("window.confero.subscriber").inboundAudio().stream()
        .mapToLong(PeerStats.InboundAudio::bytesReceived).sum();
  }

  @Test
  void hostMutesGuestAndTheGuestsAudioStopsReachingTheHost() throws Exception {
    E2EServer.Meeting meeting = server.createMeeting("Host controls");
    RestClient.Response seat = server.rest().authed(server.token(), "POST", "/api/v1/meetings/" + meeting.id()
        + "/join", new JsonObject().put("display_name", "Hannah Host").put("role", "host").encode());
    assertThat(seat.status()).as(seat.body()).isEqualTo(200);

    BrowserSession host = browsers.launch("host");
    host.open(server.joinUrl(meeting));
    host.execute("window.confero.connectWith(JSON.parse(arguments[0]), 'Hannah Host');", seat.body());
    MediaAwait.awaitConferoState(host, "joined", Duration.ofSeconds(60));

    BrowserSession guest = browsers.launch("guest");
    guest.open(server.joinUrl(meeting));
    guest.find("#name").clear();
    guest.find("#name").sendKeys("Gus Guest");
    guest.find("#join-btn").click();
    MediaAwait.awaitConferoState(guest, "joined", Duration.ofSeconds(60));
    String guestId = (String) guest.execute("return window.confero.selfId;");

    MediaAwait.awaitAudioSamplesRising(host, 1, MEDIA_TIMEOUT);
    host.find("#participants-btn").click();
    String muteButton = ".person[data-participant-id='" + guestId + "'] button[data-action='Mute']";
    Awaitility.await("host sees a Mute button for the guest").atMost(Duration.ofSeconds(30))
        .until(() -> !host.findAll(muteButton).isEmpty());
    guest.find("#hand-btn").click();
    Awaitility.await("the host sees the guest's raised hand").atMost(Duration.ofSeconds(30))
        .until(() -> !host.findAll("#hands-list .hand-person[data-participant-id='" + guestId + "']").isEmpty());
    host.screenshot(Browsers.screenshotDir().resolve("HostControlsE2ETest").resolve("host-controls.png"));
    host.find(muteButton).click();

    Awaitility.await("the guest's mic button shows muted").atMost(Duration.ofSeconds(30))
        .until(() -> "false".equals(guest.find("#mic-btn").getAttribute("aria-pressed")));
    AtomicLong last = new AtomicLong(-1);
    Awaitility.await("the guest's audio bytes stop rising at the host").atMost(MEDIA_TIMEOUT)
        .pollInterval(Duration.ofSeconds(2)).until(() -> {
          long now = guestAudioBytes(host);
          return now == last.getAndSet(now);
        });

    guest.execute("document.getElementById('chat-btn').click();");
    guest.find("#chat-input").sendKeys("Can you hear me now? <b>not bold</b>");
    guest.find("#chat-send").click();
    Awaitility.await("the host's chat badge counts the message").atMost(Duration.ofSeconds(30))
        .until(() -> "1".equals(host.find("#chat-unread").getText()));
    host.find("#chat-btn").click();
    assertThat(host.find("#chat-list .chat-text").getText()).isEqualTo("Can you hear me now? <b>not bold</b>");
    assertThat(host.find("#chat-list .chat-sender").getText()).isEqualTo("Gus Guest");
    Path shots = Browsers.screenshotDir().resolve("HostControlsE2ETest");
    host.screenshot(shots.resolve("chat.png"));

    // a host who leaves is asked first; leaving hands the host role to the guest
    host.find("#leave-btn").click();
    Awaitility.await("the host is asked: leave or end for everyone").atMost(Duration.ofSeconds(30))
        .until(() -> host.find("#leave-dialog").isDisplayed() && host.find("#leave-end-all").isDisplayed());
    host.screenshot(shots.resolve("host-leave.png"));
    host.find("#leave-confirm").click();
    MediaAwait.awaitConferoState(host, "left", Duration.ofSeconds(30));
    Awaitility.await("the guest is host now").atMost(Duration.ofSeconds(30)).until(() -> "host".equals(
        guest.execute("return window.confero.participants.get(window.confero.selfId).role;")));
    Awaitility.await("the new host sees End for everyone").atMost(Duration.ofSeconds(30))
        .until(() -> guest.find("#end-all-btn").getAttribute("hidden") == null);
    assertThat(guest.conferoState()).as("the meeting goes on for the guest").isEqualTo("joined");
  }
}
