package io.confero.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real server and headless Chromium in the lo-only namespace: a meeting created over REST, its
 * join link opened in the browser. Assertions on the page stay minimal (the web client is being
 * written): the pre-join form exists, and the browser's fake devices answer getUserMedia.
 */
@EndToEnd
class WebClientE2ETest {
  @RegisterExtension
  static final Browsers browsers = new Browsers();

  static E2EServer server;
  static BrowserSession guest;

  @BeforeAll
  static void start() throws Exception {
    server = E2EServer.start();
    guest = browsers.launch("guest");
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void joinLinkShowsThePreJoinPage() throws Exception {
    E2EServer.Meeting meeting = server.createMeeting("E2E pre-join");
    guest.open(server.joinUrl(meeting));

    assertThat(guest.title()).contains("Confero");
    assertThat(guest.findAll("#name")).hasSize(1);
    assertThat(guest.findAll("#join-btn")).hasSize(1);
    Path shot = guest.screenshot(Browsers.screenshotDir().resolve("WebClientE2ETest").resolve("prejoin.png"));
    assertThat(Files.size(shot)).isPositive();
  }

  @Test
  void unknownJoinCodeShowsNoJoinForm() {
    guest.open(server.baseUrl() + "/j/zzz-zzzz-zzz");
    assertThat(guest.findAll("#join-btn")).isEmpty();
  }

  @Test
  void fakeCameraAndMicrophoneAnswerGetUserMedia() throws Exception {
    E2EServer.Meeting meeting = server.createMeeting("E2E devices");
    guest.open(server.joinUrl(meeting));

    String answer = guest.executeAsyncResource("fake-devices.js");
    assertThat(answer).doesNotStartWith("error");
    JsonObject tracks = new JsonObject(answer);
    assertThat(tracks.getJsonArray("audio")).hasSize(1);
    assertThat(tracks.getJsonArray("audio").getJsonObject(0).getString("label")).startsWith("Fake");
    JsonObject video = tracks.getJsonArray("video").getJsonObject(0);
    assertThat(video.getString("label")).isEqualTo("fake_device_0");
    assertThat(video.getString("readyState")).isEqualTo("live");
    // 640 is the fake camera's default; the page's own preview already opened it at 1280x720
    // (the capture simulcast needs), and Chromium hands a second getUserMedia the running format.
    assertThat(video.getJsonObject("settings").getInteger("width")).isIn(640, 1280);
  }
}
