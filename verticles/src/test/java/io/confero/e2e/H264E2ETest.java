package io.confero.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.IntPredicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * H.264 with real Chromium, in a meeting whose {@code settings.video_codec} is {@code h264} (the rule
 * for participants whose browsers decode only H.264, docs/architecture.md "Video codecs"). Ada runs
 * the unchanged web client (which on its own sends VP8) with a 1280x720 camera; Grace's page can
 * decode only H.264, as some Safari and iOS builds: it restricts every receiving transceiver to
 * H.264 with {@code setCodecPreferences} before each answer. Grace must see Ada's camera as H.264,
 * and Ada's H.264 simulcast must be switched for Grace as her tile grows and shrinks, with frames
 * decoded through every switch and no more than one freeze (the bound of {@link SimulcastE2ETest},
 * whose helpers this reuses). Two browsers only: the two cores go to Ada's three H.264 encoders.
 */
@EndToEnd
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class H264E2ETest {
  static final Duration WAIT = Duration.ofSeconds(90);
  static final Duration FIRST_RAMP = Duration.ofSeconds(180);

  /** Makes this page decode only H.264: each answer's receiving video transceivers take H.264 (and rtx) only. */
  static final String H264_ONLY_PAGE = """
      const only = RTCRtpReceiver.getCapabilities('video').codecs.filter(c => /^video\\/(h264|rtx)$/i.test(c.mimeType));
      const createAnswer = RTCPeerConnection.prototype.createAnswer;
      RTCPeerConnection.prototype.createAnswer = function (...args) {
        for (const t of this.getTransceivers()) {
          if (t.receiver.track.kind === 'video' && !t.stopped) t.setCodecPreferences(only);
        }
        return createAnswer.apply(this, args);
      };
      """;

  @RegisterExtension
  static final Browsers browsers = new Browsers();
  @RegisterExtension
  static final RunningServer server = new RunningServer();

  static BrowserSession ada;
  static BrowserSession grace;
  static String adaId;

  @BeforeAll
  static void join() throws Exception {
    Path hd = SimulcastE2ETest.y4m("simulcast-1280x720.y4m", "1280x720", 2);
    Path tiny = SimulcastE2ETest.y4m("simulcast-160x120.y4m", "160x120", 2);
    E2EServer.Meeting meeting = CallPages.meeting(server.get(), "H.264", new JsonObject().put("video_codec", "h264"));
    ada = launch("Ada", hd);
    CallPages.joinAsGuest(server.get(), ada, meeting, "Ada");
    adaId = (String) ada.execute("return window.confero.selfId;");
    grace = launch("Grace", tiny);
    grace.open(server.joinUrl(meeting));
    grace.execute(H264_ONLY_PAGE);
    grace.join("Grace");
    MediaAwait.awaitConferoState(grace, "joined", WAIT);
    Awaitility.await("Grace decodes Ada").atMost(WAIT)
        .until(() -> SimulcastE2ETest.decoded(grace, adaId).getLong("decoded", 0L) > 0);
  }

  private static BrowserSession launch(String name, Path camera) {
    return browsers.launch(name, o -> o.addArguments("--use-file-for-fake-video-capture=" + camera));
  }

  @AfterAll
  static void printLayers() throws Exception {
    if (ada != null) {
      System.out.println("E2E H264E2ETest Ada's outbound video: " + outbound());
    }
  }

  /** Ada's camera encodings: rid → {codec, bytes}. */
  static JsonObject outbound() throws Exception {
    return new JsonObject((String) ada.executeAsync("""
        const done = arguments[arguments.length - 1];
        window.confero.publisher.getStats().then(r => {
          const o = {};
          r.forEach(s => { if (s.type === 'outbound-rtp' && s.kind === 'video' && s.rid) {
            const c = s.codecId && r.get(s.codecId);
            o[s.rid] = { codec: c ? c.mimeType : '', bytes: s.bytesSent || 0 }; } });
          done(JSON.stringify(o));
        });
        """));
  }

  /** The codecs of Grace's video inbound-rtp streams that decoded anything, and what her answers accepted. */
  static JsonObject graceReceives() throws Exception {
    return new JsonObject((String) grace.executeAsync("""
        const done = arguments[arguments.length - 1];
        const pc = window.confero.subscriber;
        pc.getStats().then(r => {
          const codecs = [];
          r.forEach(s => { if (s.type === 'inbound-rtp' && s.kind === 'video' && s.framesDecoded > 0) {
            const c = s.codecId && r.get(s.codecId); codecs.push(c ? c.mimeType : ''); } });
          const answer = pc.localDescription ? pc.localDescription.sdp : '';
          done(JSON.stringify({ codecs, answerHasVp8: /a=rtpmap:\\d+ VP8\\//.test(answer) }));
        });
        """));
  }

  static void showAda(int px) {
    grace.execute("const t = document.querySelector(`.tile[data-participant-id='${arguments[0]}']`);"
        + "t.style.height = t.style.minHeight = t.style.maxHeight = arguments[1] + 'px';", adaId, px);
  }

  static JsonObject seen() throws Exception {
    return SimulcastE2ETest.decoded(grace, adaId);
  }

  static void awaitHeight(String what, IntPredicate ok, Duration atMost) {
    long start = System.nanoTime();
    Awaitility.await("Grace " + what).atMost(atMost).pollInterval(Duration.ofMillis(250))
        .until(() -> ok.test(seen().getInteger("height", 0)));
    System.out.println("E2E H264E2ETest switch: Grace " + what + " after "
        + (System.nanoTime() - start) / 1_000_000 + " ms (includes the client's 1 s report period)");
  }

  @Test
  @Order(1)
  void anH264OnlyPageSeesTheCameraOfAPublisherThatWouldSendVp8() throws Exception {
    JsonObject got = graceReceives();
    assertThat(got.getBoolean("answerHasVp8")).as("Grace's page accepts no VP8 (the restriction works)").isFalse();
    assertThat(got.getJsonArray("codecs").getList()).as("Grace decodes H.264").isNotEmpty().allMatch("video/H264"::equals);
    Awaitility.await("Ada sends H.264 simulcast (q, h, f)").atMost(WAIT).until(() -> {
      JsonObject o = outbound();
      return o.fieldNames().containsAll(java.util.List.of("q", "h", "f"))
          && o.fieldNames().stream().allMatch(rid -> "video/H264".equals(o.getJsonObject(rid).getString("codec")));
    });
  }

  @Test
  @Order(2)
  void h264LayersAreSwitchedForATileWithoutFreezing() throws Exception {
    showAda(700);
    awaitHeight("gets a higher H.264 layer for a large tile", h -> h >= 360, FIRST_RAMP);
    JsonObject before = seen();
    showAda(170);
    awaitHeight("gets the low H.264 layer for a thumbnail", h -> h > 0 && h <= 180, WAIT);
    JsonObject down = seen();
    assertThat(down.getLong("decoded")).as("frames decoded through the switch down").isGreaterThan(before.getLong("decoded"));
    showAda(700);
    awaitHeight("goes up again", h -> h >= 360, WAIT);
    JsonObject up = seen();
    assertThat(up.getLong("decoded")).as("frames decoded through the switch up").isGreaterThan(down.getLong("decoded"));
    Awaitility.await("frames keep coming after the last switch").atMost(WAIT)
        .until(() -> seen().getLong("decoded", 0L) > up.getLong("decoded") + 30);
    System.out.println("E2E H264E2ETest freezes: before " + before.getInteger("freezes", 0) + ", after down "
        + down.getInteger("freezes", 0) + ", after up " + up.getInteger("freezes", 0));
    assertThat(up.getInteger("freezes", 0)).as("at most one freeze over a switch down and up (as SimulcastE2ETest)")
        .isLessThanOrEqualTo(before.getInteger("freezes", 0) + 1);
  }
}
