package io.confero.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.api.RestClient;
import io.confero.signaling.WsPeer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A webinar with two Chromiums: the host (integrator seat) and an attendee (join link). The attendee
 * has no camera button, and an attendee's publish (an offer its Chromium made) is refused over the
 * raw socket; it raises a hand, the host makes it a panelist, its camera reaches the host (frames
 * decoded rising); the host makes it an attendee again and its video track is gone.
 */
@EndToEnd
class WebinarE2ETest {
  @RegisterExtension
  static final Browsers browsers = new Browsers();

  @RegisterExtension
  static final RunningServer server = new RunningServer();

  /** The attendee's Chromium makes an offer for its (fake) microphone and camera: mid 0 audio, mid 1 video. */
  private static final String OFFER = """
      const done = arguments[arguments.length - 1];
      (async () => {
        const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
        const pc = new RTCPeerConnection();
        for (const kind of ['audio', 'video']) pc.addTransceiver(stream.getTracks().find((t) => t.kind === kind), { direction: 'sendonly' });
        const offer = await pc.createOffer();
        pc.close();
        stream.getTracks().forEach((t) => t.stop());
        done(offer.sdp);
      })().catch((e) => done('failed: ' + e));
      """;

  private static long videoTracksOf(BrowserSession b, String participantId) {
    return (Long) b.execute("return [...window.confero.remoteTracks.values()]"
        + ".filter((t) => t.participant_id === arguments[0] && t.kind === 'video').length;", participantId);
  }

  @Test
  void anAttendeeRaisesAHandIsPromotedPublishesAndIsDemoted() throws Exception {
    E2EServer.Meeting m = CallPages.meeting(server.get(), "Webinar", new JsonObject().put("webinar", true));
    BrowserSession host = browsers.launch("host");
    CallPages.joinAsHost(server.get(), host, m, "Hannah Host");
    BrowserSession attendee = browsers.launch("attendee");
    String a = CallPages.joinAsGuest(server.get(), attendee, m, "Ada Attendee");
    assertThat(attendee.find("#cam-btn").isDisplayed()).as("an attendee has no camera button").isFalse();
    assertThat(attendee.find("#mic-btn").isDisplayed()).isFalse();

    String offer = (String) attendee.executeAsync(OFFER);
    assertThat(offer).startsWith("v=0");
    RestClient.Response seat = server.rest().send("POST", "/j/" + m.joinCode() + "/join",
        new JsonObject().put("display_name", "Raw Attendee").encode());
    assertThat(seat.json().getString("role")).as(seat.body()).isEqualTo("viewer");
    var node = server.node().node();
    try (WsPeer raw = WsPeer.joined(node.vertx(), node.signalingPort(), seat.json().getString("session_token"),
        "joined")) {
      String ref = raw.send(new JsonObject().put("type", "publish").put("sdp", offer)
          .put("sources", new JsonObject().put("0", "microphone").put("1", "camera")));
      JsonObject error = raw.await("error", e -> ref.equals(e.getString("ref")));
      assertThat(error.getString("code")).isEqualTo("view-only");
    }
    assertThat(videoTracksOf(host, seat.json().getString("participant_id"))).isZero();

    attendee.find("#hand-btn").click();
    Awaitility.await("the host sees the attendee's raised hand").atMost(CallPages.UI_TIMEOUT)
        .until(() -> !host.findAll("#hands-list [data-participant-id='" + a + "']").isEmpty());
    host.find("#participants-btn").click();
    String promote = ".person[data-participant-id='" + a + "'] button[data-action='Make panelist']";
    Awaitility.await("the host can make the attendee a panelist").atMost(CallPages.UI_TIMEOUT)
        .until(() -> !host.findAll(promote).isEmpty());
    host.screenshot(Browsers.screenshotDir().resolve("WebinarE2ETest").resolve("webinar-host.png"));
    host.find(promote).click();

    Awaitility.await("the panelist's camera button appears").atMost(CallPages.UI_TIMEOUT)
        .until(() -> attendee.find("#cam-btn").isDisplayed());
    MediaAwait.awaitFramesDecodedRising(host, 1, CallPages.MEDIA_TIMEOUT);
    assertThat(videoTracksOf(host, a)).isEqualTo(1);

    String demote = ".person[data-participant-id='" + a + "'] button[data-action='Make attendee']";
    Awaitility.await("the host can make the panelist an attendee again").atMost(CallPages.UI_TIMEOUT)
        .until(() -> !host.findAll(demote).isEmpty());
    host.find(demote).click();
    Awaitility.await("the demoted attendee's video is gone from the host").atMost(CallPages.UI_TIMEOUT)
        .until(() -> videoTracksOf(host, a) == 0);
    Awaitility.await("the camera button is hidden again").atMost(CallPages.UI_TIMEOUT)
        .until(() -> !attendee.find("#cam-btn").isDisplayed());
  }
}
