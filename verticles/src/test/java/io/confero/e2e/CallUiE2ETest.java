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
 * Chromium hosts; the phone Chromium has two fake cameras. Screenshots land in
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
      options.addArguments("--use-fake-device-for-media-stream=device-count=2");
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
}
