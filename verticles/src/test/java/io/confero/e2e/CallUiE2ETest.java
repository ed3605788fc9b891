package io.confero.e2e;

import static io.confero.e2e.CallPages.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The call as a product (issue 19), its layout and words: a phone-width page (390x844, touch)
 * reaches every control through the bar or its More menu and shows every notification inside the
 * viewport; every control has an accessible name; keyboard shortcuts with a help sheet; German
 * chosen in Settings. A desktop Chromium hosts. Screenshots land in
 * {@code target/e2e-screenshots/CallUiE2ETest/} (copies in docs/screenshots/).
 */
@EndToEnd
class CallUiE2ETest {
  /** Controls of the call bar a phone shows directly; the others are reached through More. */
  static final List<String> BAR = List.of("mic-btn", "cam-btn", "hand-btn", "more-btn", "leave-btn");
  static final List<String> BEHIND_MORE = List.of("screen-btn", "react-btn", "participants-btn", "chat-btn", "layout-btn");

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
    return Browsers.screenshotDir().resolve("CallUiE2ETest").resolve(name);
  }

  @Test
  void onAPhoneEveryControlIsReachableAndEveryNotificationInsideTheScreen() throws Exception {
    E2EServer.Meeting m = meeting(server, "Phone call", new JsonObject());
    joinAsGuest(server, phone, m, "Pat Phone");
    assertThat(((Number) phone.execute("return window.innerWidth;")).intValue()).isEqualTo(390);
    joinAsHost(server, host, m, "Hannah Host");
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
  void aBrowserWithoutWebRtcGetsAPageSayingWhatItLacks() throws Exception {
    E2EServer.Meeting m = meeting(server, "No WebRTC here", new JsonObject());
    Map<String, Object> script = host.driver().executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
        Map.of("source", "delete window.RTCPeerConnection; delete window.webkitRTCPeerConnection;"));
    try {
      host.open(server.joinUrl(m));
      Awaitility.await("the page says the browser cannot join").atMost(UI_TIMEOUT)
          .until(() -> "unsupported".equals(host.conferoState()));
      assertThat(host.find("#end").isDisplayed()).as("the end page, not a broken pre-join").isTrue();
      assertThat(host.find("#end-title").getText()).isEqualTo("This browser cannot join the call");
      assertThat(host.find("#end-detail").getText()).contains("WebRTC (RTCPeerConnection)")
          .contains("Use a current Chrome, Edge, Firefox or Safari.");
      assertThat(host.find("#rejoin-btn").isDisplayed()).isFalse();
      host.screenshot(shot("unsupported-browser.png"));
    } finally {
      host.driver().executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument",
          Map.of("identifier", script.get("identifier")));
      host.openBlankPage();
    }
  }

  @Test
  void everyControlHasANameAndTheShortcutsWorkWithAHelpSheet() throws Exception {
    E2EServer.Meeting m = meeting(server, "Shortcuts", new JsonObject());
    joinAsHost(server, host, m, "Hannah Host");
    host.find("#participants-btn").click();
    host.find("#more-btn").click();
    List<String> unnamed = new ArrayList<>();
    for (WebElement b : host.findAll("#call button, #call [role='menuitem']")) {
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

    WebElement body = host.find("body");
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
    host.find("body").sendKeys(Keys.chord(Keys.SHIFT, "l"));
    MediaAwait.awaitConferoState(host, "left", UI_TIMEOUT);
  }

  @Test
  void theCallSpeaksGermanWhenChosenInSettingsAndEnglishAgainAfter() throws Exception {
    E2EServer.Meeting m = meeting(server, "Sprachen", new JsonObject());
    joinAsHost(server, host, m, "Hannah Host");
    openSettings(host);
    try {
      new Select(host.find("#set-lang")).selectByValue("de");
      awaitText(host, "#settings-title", "Einstellungen");
      assertThat(host.execute("return document.documentElement.lang;")).isEqualTo("de");
      host.screenshot(shot("settings-de.png"));
      host.find("#settings-close").click(); // outside an open modal dialog the page is inert: no names
      assertThat(host.find("#mic-btn").getAccessibleName()).isEqualTo("Mikrofon ausschalten");
      assertThat(host.find("#participants-btn").getAccessibleName()).isEqualTo("Alle anzeigen");
      assertThat(host.find("#layout-btn").getAccessibleName()).isEqualTo("Sprecheransicht");
      joinAsGuest(server, phone, m, "Pat Phone");
      awaitText(host, "#toasts .toast", "Pat Phone ist beigetreten");
      host.find("body").sendKeys("?");
      awaitText(host, "#shortcuts-list", "Mikrofon ein- oder ausschalten");
      host.find("#shortcuts-close").click();
    } finally { // the profile keeps the choice: the other tests expect English
      host.execute("localStorage.setItem('confero.language', 'en');");
    }
    openSettings(host);
    new Select(host.find("#set-lang")).selectByValue("en");
    awaitText(host, "#settings-title", "Settings");
    host.find("#settings-close").click();
    assertThat(host.find("#mic-btn").getAccessibleName()).isEqualTo("Turn off microphone");
  }
}
