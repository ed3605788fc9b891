package io.confero.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.api.RestClient;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * What the call-as-a-product tests ({@link CallUiE2ETest}, {@link CallFeaturesE2ETest}) do to the
 * meeting page: meetings and seats, where an element sits for the user (script
 * {@code e2e/reachable.js}), the More menu and Settings, and a phone-sized Chromium.
 */
final class CallPages {
  static final Duration JOIN_TIMEOUT = Duration.ofSeconds(60);
  static final Duration MEDIA_TIMEOUT = Duration.ofSeconds(90);
  static final Duration UI_TIMEOUT = Duration.ofSeconds(30);

  private CallPages() {
  }

  /**
   * A phone: 390x844 CSS pixels with touch, and three fake cameras (Chromium's second fake camera
   * is a Y16 depth camera that no encoder takes, so device switching uses the third, MJPEG one).
   */
  static BrowserSession launchPhone(Browsers browsers) {
    return browsers.launch("phone", options -> {
      options.addArguments("--use-fake-device-for-media-stream=device-count=3");
      options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics",
          Map.of("width", 390, "height", 844, "pixelRatio", 1.0, "touch", true)));
    });
  }

  static E2EServer.Meeting meeting(E2EServer server, String title, JsonObject settings) throws Exception {
    JsonObject body = new JsonObject().put("title", title).put("settings", settings);
    RestClient.Response r = server.rest().authed(server.token(), "POST", "/api/v1/meetings", body.encode());
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    String url = r.json().getString("join_url");
    return new E2EServer.Meeting(r.json().getString("meeting_id"), url.substring(url.lastIndexOf('/') + 1), title, r.json());
  }

  /** Joins {@code b} with a host seat from the integrator API. */
  static String joinAsHost(E2EServer server, BrowserSession b, E2EServer.Meeting m, String name) throws Exception {
    String req = new JsonObject().put("display_name", name).put("role", "host").encode();
    RestClient.Response seat = server.rest().authed(server.token(), "POST", "/api/v1/meetings/" + m.id() + "/join", req);
    assertThat(seat.status()).as(seat.body()).isEqualTo(200);
    b.open(server.joinUrl(m));
    b.execute("window.confero.connectWith(JSON.parse(arguments[0]), arguments[1]);", seat.body(), name);
    MediaAwait.awaitConferoState(b, "joined", JOIN_TIMEOUT);
    return (String) b.execute("return window.confero.selfId;");
  }

  /** A new browser {@code name} that opens the join link {@code url} (on any node) and joins by name. */
  static BrowserSession launchAndJoin(Browsers browsers, String name, String url) {
    BrowserSession b = browsers.launch(name);
    b.open(url);
    b.join(name);
    MediaAwait.awaitConferoState(b, "joined", Duration.ofSeconds(60));
    return b;
  }

  static String joinAsGuest(E2EServer server, BrowserSession b, E2EServer.Meeting m, String name) {
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

  /** Opens Settings from the More menu (on a phone as on a desktop) and waits for the dialog. */
  static void openSettings(BrowserSession b) {
    b.find("#more-btn").click();
    assertTappable(b, "#settings-item");
    b.find("#settings-item").click();
    Awaitility.await("the settings dialog").atMost(UI_TIMEOUT).until(() -> b.find("#settings-dialog").isDisplayed());
  }
}
