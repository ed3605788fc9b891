package io.confero.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * One headless Chromium with its own chromedriver and throw-away profile, launched by
 * {@link Browsers}. Closing quits Chromium, stops chromedriver and deletes the profile.
 */
public final class BrowserSession implements AutoCloseable {
  private final String name;
  private final ChromeDriver driver;
  private final ChromeDriverService service;
  private final Path profile;
  private boolean closed;

  BrowserSession(String name, ChromeDriver driver, ChromeDriverService service, Path profile) {
    this.name = name;
    this.driver = driver;
    this.service = service;
    this.profile = profile;
  }

  public String name() {
    return name;
  }

  /** The Selenium driver, for anything the helpers below do not cover. */
  public ChromeDriver driver() {
    return driver;
  }

  /** Navigates and waits for the load event. */
  public BrowserSession open(String url) {
    driver.get(url);
    return this;
  }

  /**
   * Opens {@code e2e/blank.html} from the test classpath as a {@code file:} URL: a secure context
   * (getUserMedia, RTCPeerConnection work) with no server behind it, unlike {@code about:blank}.
   */
  public BrowserSession openBlankPage() {
    try {
      return open(BrowserSession.class.getResource("/e2e/blank.html").toURI().toString());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public String title() {
    return driver.getTitle();
  }

  /** The elements matching a CSS selector (empty when none). */
  public List<WebElement> findAll(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /** The first element matching a CSS selector; throws NoSuchElementException when none. */
  public WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  /** {@code executeScript}: the script body may {@code return} a value. */
  public Object execute(String script, Object... args) {
    return driver.executeScript(script, args);
  }

  /** {@code executeAsyncScript}: the script calls {@code arguments[arguments.length - 1](result)}. */
  public Object executeAsync(String script, Object... args) {
    return driver.executeAsyncScript(script, args);
  }

  /** Runs {@code src/test/resources/e2e/<resource>} as an async script and answers its result as text. */
  public String executeAsyncResource(String resource, Object... args) {
    return String.valueOf(executeAsync(resource(resource), args));
  }

  /** {@code window.confero.state} of the web client, or null before the client set it. */
  public String conferoState() {
    Object s = execute("return window.confero ? String(window.confero.state) : null;");
    return s == null ? null : s.toString();
  }

  /** The participant tiles the page shows now, in document order. */
  public List<Tile> tiles() {
    return Tile.fromJson(String.valueOf(execute(resource("tiles.js"))));
  }

  /**
   * Joins from the web client's pre-join page: types {@code displayName} into {@code #name} and
   * clicks {@code #join-btn}.
   */
  public BrowserSession join(String displayName) {
    WebElement name = find("#name");
    name.clear();
    name.sendKeys(displayName);
    find("#join-btn").click();
    return this;
  }

  /** getStats() of the peer connection the JavaScript expression evaluates to, now. */
  public PeerStats stats(String peerConnectionExpression) {
    String script = "const done = arguments[arguments.length - 1];\nlet pc;\ntry { pc = ("
        + peerConnectionExpression + "); } catch (e) { pc = undefined; }\n" + resource("collect-stats.js");
    return PeerStats.fromJson(String.valueOf(executeAsync(script)));
  }

  /** A probe sampling the peer connection the expression evaluates to (e.g. {@code window.pc}). */
  public StatsProbe peer(String peerConnectionExpression) {
    return () -> stats(peerConnectionExpression);
  }

  /** The web client's publishing peer connection ({@code window.confero.publisher}). */
  public StatsProbe publisher() {
    return peer("window.confero && window.confero.publisher");
  }

  /** The web client's subscribing peer connection ({@code window.confero.subscriber}). */
  public StatsProbe subscriber() {
    return peer("window.confero && window.confero.subscriber");
  }

  /** Saves a PNG of the viewport (parent folders created) and answers the path. */
  public Path screenshot(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = driver.getScreenshotAs(OutputType.FILE).toPath();
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The page's console messages since the last call, one "LEVEL message" line each. */
  public List<String> browserLog() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .map(LogEntry::toString).toList();
  }

  boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      driver.quit();
    } finally {
      service.stop();
      deleteTree(profile);
    }
  }

  static String resource(String name) {
    try (InputStream in = BrowserSession.class.getResourceAsStream("/e2e/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource e2e/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // A profile file Chromium removed while we walked: nothing left to do for it.
    }
  }
}
