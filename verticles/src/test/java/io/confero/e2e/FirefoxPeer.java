package io.confero.e2e;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A Firefox participant: Debian's firefox-esr joining through the web client, driven over WebDriver
 * BiDi by {@code src/test/firefox/firefox-peer.mjs} (puppeteer-core; Selenium needs geckodriver,
 * which Debian does not ship). The script reports the subscriber's inbound-rtp counters every
 * second; this class keeps the latest report. Its stderr goes to {@code target/e2e-logs/}.
 */
public final class FirefoxPeer implements AutoCloseable {
  static final Path SCRIPT_DIR = Path.of(System.getProperty("basedir", "."), "src", "test", "firefox");
  static final String FIREFOX = "/usr/bin/firefox-esr";

  private final Process process;
  private final Path profile;
  private final AtomicReference<JsonObject> latest = new AtomicReference<>();
  private final AtomicReference<String> error = new AtomicReference<>();
  private volatile boolean joined;
  private final AtomicReference<JsonObject> sharing = new AtomicReference<>();
  private final List<JsonObject> firstMedia = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile boolean done;

  private FirefoxPeer(Process process, Path profile) {
    this.process = process;
    this.profile = profile;
    Thread reader = new Thread(this::readReports, "firefox-peer-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts Firefox and has it join {@code joinUrl} as {@code name}. */
  static FirefoxPeer join(String joinUrl, String name) throws IOException {
    return start(joinUrl, name, List.of());
  }

  /**
   * As {@link #join}, then shares its screen from the web client's Share screen button: Firefox runs
   * on a virtual X display ({@code xvfb-run}, Debian package {@code xvfb}) and shares that display.
   */
  static FirefoxPeer joinSharingScreen(String joinUrl, String name) throws IOException {
    return start(joinUrl, name, List.of("--share"));
  }

  /**
   * A benchmark: Firefox joins {@code joinUrl} {@code joins} times (a fresh page load each, leaving
   * in between) and reports each join's time to first media ({@link #firstMedia()}).
   */
  public static FirefoxPeer measureFirstMedia(String joinUrl, String name, int joins) throws IOException {
    return start(joinUrl, name, List.of("--rejoin=" + joins));
  }

  private static FirefoxPeer start(String joinUrl, String name, List<String> options) throws IOException {
    if (!Files.isExecutable(Path.of(FIREFOX))) {
      throw new IllegalStateException(FIREFOX + " is missing: apt-get install -y firefox-esr");
    }
    if (!Files.isDirectory(SCRIPT_DIR.resolve("node_modules").resolve("puppeteer-core"))) {
      throw new IllegalStateException("puppeteer-core is not installed: cd " + SCRIPT_DIR
          + " && PUPPETEER_SKIP_DOWNLOAD=1 npm ci");
    }
    Path profile = Files.createTempDirectory("confero-firefox-" + name + "-");
    Path log = Path.of(System.getProperty("basedir", "."), "target", "e2e-logs");
    Files.createDirectories(log);
    List<String> command = new java.util.ArrayList<>();
    if (options.contains("--share")) {
      // headless Firefox has no screen to capture (getDisplayMedia: NotFoundError) and no fake one:
      // a presenter runs as a normal window on a virtual X display and shares that display
      command.addAll(List.of("xvfb-run", "-a", "-s", "-screen 0 1280x720x24"));
    }
    command.addAll(List.of("node", "firefox-peer.mjs", joinUrl, name, profile.toString()));
    command.addAll(options);
    Process p = new ProcessBuilder(command)
        .directory(SCRIPT_DIR.toFile())
        .redirectError(log.resolve("firefox-" + name + ".log").toFile())
        .start();
    return new FirefoxPeer(p, profile);
  }

  private void readReports() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        JsonObject o = new JsonObject(line);
        switch (o.getString("event", "")) {
          case "joined" -> joined = true;
          case "sharing" -> sharing.set(o);
          case "firstMedia" -> firstMedia.add(o);
          case "done" -> done = true;
          case "stats" -> latest.set(o);
          case "error" -> error.set(o.getString("message"));
          default -> { }
        }
      }
    } catch (IOException | RuntimeException e) {
      error.compareAndSet(null, "reading firefox-peer.mjs output: " + e);
    }
  }

  /** True once the web client in Firefox reported state "joined"; throws what the script reported as failure. */
  boolean joined() {
    failIfBroken();
    return joined;
  }

  /** The joins measured so far ({@link #measureFirstMedia}): {join, ms (wsOpen to first frame), phases}. */
  public List<JsonObject> firstMedia() {
    failIfBroken();
    return List.copyOf(firstMedia);
  }

  /** True once every join of {@link #measureFirstMedia} was measured. */
  public boolean measured() {
    failIfBroken();
    return done;
  }

  /** True once the web client in Firefox publishes its screen (after {@link #joinSharingScreen}). */
  boolean sharingScreen() {
    failIfBroken();
    return sharing.get() != null;
  }

  /** What the script reported of the shared screen track (mid, label, settings), for messages. */
  String screenTrack() {
    JsonObject o = sharing.get();
    return o == null ? "not sharing" : o.encode();
  }

  /** Video frames encoded over all outbound video streams (camera, screen) in the latest report. */
  long framesEncoded() {
    return sum("sent", "framesEncoded");
  }

  /** Frames decoded over all inbound video streams in the latest report (0 before one). */
  long framesDecoded() {
    return sum("video", "framesDecoded");
  }

  /** Audio samples received over all inbound audio streams in the latest report. */
  long audioSamplesReceived() {
    return sum("audio", "totalSamplesReceived");
  }

  /** The latest report as received, for failure messages. */
  String lastReport() {
    JsonObject o = latest.get();
    return o == null ? "no report yet" : o.encode();
  }

  private long sum(String kind, String counter) {
    failIfBroken();
    JsonObject o = latest.get();
    JsonArray list = o == null ? new JsonArray() : o.getJsonArray(kind, new JsonArray());
    long n = 0;
    for (int i = 0; i < list.size(); i++) {
      n += list.getJsonObject(i).getLong(counter, 0L);
    }
    return n;
  }

  private void failIfBroken() {
    String e = error.get();
    if (e != null) {
      throw new IllegalStateException("Firefox peer failed: " + e);
    }
    if (!process.isAlive() && !joined) {
      throw new IllegalStateException("Firefox peer exited with " + process.exitValue() + " (see target/e2e-logs)");
    }
  }

  /** Closes stdin (the script then closes Firefox and exits); kills the process tree if it lingers. */
  @Override
  public void close() throws Exception { // public for the benchmarks
    process.getOutputStream().close();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (UncheckedIOException | IOException e) {
      // a profile file Firefox still wrote while exiting; the temp dir is left
    }
  }
}
