package io.confero.app;

import static org.awaitility.Awaitility.await;

import io.confero.api.RestClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Confero node in a child JVM ({@link Main} on this test's class path, the {@code CONFERO_*}
 * environment given), so that a test can {@code kill -9} it: no shutdown hook runs, the embedded
 * PostgreSQL is left as a crash leaves it. Its output goes to a log file named on failure.
 */
public final class ChildNode implements AutoCloseable {
  private final Process process;
  private final Path log;
  private final String baseUrl;

  private ChildNode(Process process, Path log, String baseUrl) {
    this.process = process;
    this.log = log;
    this.baseUrl = baseUrl;
  }

  /** Starts the child; returns at once ({@link #awaitHealthy} waits for it). */
  public static ChildNode start(Map<String, String> env) throws IOException {
    Path log = Files.createTempFile("confero-child", ".log");
    ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()))
        .redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    return new ChildNode(pb.start(), log, env.get("CONFERO_HTTP_PUBLIC_URL"));
  }

  /** Waits until {@code /health} answers 200 (start-up includes the embedded database). */
  public ChildNode awaitHealthy(Duration atMost) {
    RestClient rest = new RestClient(baseUrl);
    await("child node healthy (log " + log + ")").atMost(atMost).ignoreExceptions()
        .until(() -> rest.send("GET", "/health", null).status() == 200);
    return this;
  }

  public String baseUrl() {
    return baseUrl;
  }

  /** SIGKILL: the JVM ends without running any shutdown hook. */
  public void kill9() throws InterruptedException {
    process.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy(); // SIGTERM: the node drains and stops its database
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        kill9();
      }
    }
  }
}
