package io.confero.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Launches headless Chromium 156 for end-to-end tests, with the flags TESTING-WEBRTC.md verified,
 * and owns the sessions it launched. Register it with {@code @RegisterExtension}: sessions launched
 * during a test are closed after it, sessions launched in {@code @BeforeAll} after the class; when a
 * test fails, every open session first leaves a screenshot and its console log in
 * {@code target/e2e-screenshots/<TestClass>/}.
 *
 * <p>Selenium Manager never runs: the driver path is set on the service, which makes Selenium skip
 * it, and the namespace has no route out anyway.
 */
public final class Browsers implements BeforeEachCallback, AfterEachCallback, AfterAllCallback {
  public static final String CHROMIUM = "/usr/bin/chromium";
  public static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  /** Flags for every run (TESTING-WEBRTC.md), plus loopback candidates for the lo-only namespace. */
  public static final List<String> FLAGS = List.of("--headless=new", "--no-sandbox", "--disable-gpu",
      "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
      "--allow-loopback-in-peer-connection", "--window-size=1280,800");

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private final List<BrowserSession> classSessions = new ArrayList<>();
  private final List<BrowserSession> testSessions = new ArrayList<>();
  private boolean inTest;

  /** Launches a managed session named for screenshots and logs. */
  public synchronized BrowserSession launch(String name) {
    return launch(name, options -> { });
  }

  /** Launches a managed session; {@code extra} may add arguments or capabilities. */
  public synchronized BrowserSession launch(String name, Consumer<ChromeOptions> extra) {
    BrowserSession s = launchUnmanaged(name, extra);
    (inTest ? testSessions : classSessions).add(s);
    return s;
  }

  /** Launches a session the caller must close (try-with-resources). */
  public static BrowserSession launchUnmanaged(String name, Consumer<ChromeOptions> extra) {
    LoopbackOnlyNetwork.require();
    Path profile = tempProfile(name);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort()
        .withLogFile(logFile("chromedriver-" + name + "-" + SEQUENCE.incrementAndGet() + ".log").toFile())
        .build();
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM);
    options.addArguments(FLAGS);
    options.addArguments("--user-data-dir=" + profile);
    options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
    extra.accept(options);
    try {
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30)).pageLoadTimeout(Duration.ofSeconds(60));
      return new BrowserSession(name, driver, service, profile);
    } catch (RuntimeException e) {
      service.stop();
      BrowserSession.deleteTree(profile);
      throw e;
    }
  }

  /** {@code verticles/target/e2e-screenshots}, where tests put the screenshots they take. */
  public static Path screenshotDir() {
    return targetDir().resolve("e2e-screenshots");
  }

  @Override
  public synchronized void beforeEach(ExtensionContext context) {
    inTest = true;
  }

  @Override
  public synchronized void afterEach(ExtensionContext context) {
    inTest = false;
    if (context.getExecutionException().isPresent()) {
      String prefix = context.getRequiredTestMethod().getName();
      testSessions.forEach(s -> leaveEvidence(s, context, prefix));
      classSessions.forEach(s -> leaveEvidence(s, context, prefix));
    }
    closeAll(testSessions);
  }

  @Override
  public synchronized void afterAll(ExtensionContext context) {
    closeAll(classSessions);
  }

  private static void leaveEvidence(BrowserSession s, ExtensionContext context, String prefix) {
    if (s.isClosed()) {
      return;
    }
    Path dir = screenshotDir().resolve(context.getRequiredTestClass().getSimpleName());
    try {
      s.screenshot(dir.resolve(prefix + "-" + s.name() + "-failed.png"));
      Files.write(dir.resolve(prefix + "-" + s.name() + "-console.log"), s.browserLog());
    } catch (RuntimeException | IOException e) {
      // Evidence is best effort: the test's own failure is what gets reported.
    }
  }

  private static void closeAll(List<BrowserSession> sessions) {
    RuntimeException first = null;
    for (BrowserSession s : sessions) {
      try {
        s.close();
      } catch (RuntimeException e) {
        first = first == null ? e : first;
      }
    }
    sessions.clear();
    if (first != null) {
      throw first;
    }
  }

  private static Path tempProfile(String name) {
    try {
      return Files.createTempDirectory("confero-chromium-" + name + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path logFile(String name) {
    Path dir = targetDir().resolve("e2e-logs");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir.resolve(name);
  }

  private static Path targetDir() {
    return Path.of(System.getProperty("basedir", "."), "target");
  }
}
