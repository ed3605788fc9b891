package io.confero.app;

import io.confero.config.ConfigLoader;
import io.confero.config.ConferoConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real Confero node for tests: embedded PostgreSQL in a temporary (or given) folder, a
 * single-member Hazelcast cluster, every port chosen by the OS.
 */
public final class TestNode implements AutoCloseable {
  public static final String API_KEY = "ck_test_key";
  public static final String API_SECRET = "cs_test_secret_0123456789abcdef";

  private final Confero node;
  private final Path dataDir;

  private TestNode(Confero node, Path dataDir) {
    this.node = node;
    this.dataDir = dataDir;
  }

  public static TestNode start() throws Exception {
    return start(Files.createTempDirectory("confero-test"), Map.of());
  }

  public static TestNode start(Path dataDir, Map<String, String> overrides) throws Exception {
    return start(dataDir, overrides, java.time.Clock.systemUTC());
  }

  /** A node reading time from {@code clock} (tests that step time, e.g. webhook retries). */
  public static TestNode start(Path dataDir, Map<String, String> overrides, java.time.Clock clock) throws Exception {
    ConferoConfig config = ConfigLoader.load(env(dataDir, overrides), new Properties());
    Confero node = Confero.start(config, clock).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    return new TestNode(node, dataDir);
  }

  /** The {@code CONFERO_*} environment of a test node on {@code dataDir}: loopback, free ports, a cluster of its own. */
  public static Map<String, String> env(Path dataDir, Map<String, String> overrides) throws java.io.IOException {
    Map<String, String> env = new HashMap<>();
    env.put("CONFERO_HTTP_HOST", "127.0.0.1");
    int http = freePort();
    int signaling = freePort();
    env.put("CONFERO_HTTP_PORT", Integer.toString(http));
    env.put("CONFERO_HTTP_PUBLIC_URL", "http://127.0.0.1:" + http);
    env.put("CONFERO_SIGNALING_HOST", "127.0.0.1");
    env.put("CONFERO_SIGNALING_PORT", Integer.toString(signaling));
    env.put("CONFERO_SFU_PORT", "0");
    env.put("CONFERO_SFU_BIND_HOST", "127.0.0.1");
    env.put("CONFERO_TURN_ENABLED", "false");
    env.put("CONFERO_TURN_LISTEN_HOST", "127.0.0.1");
    env.put("CONFERO_TURN_UDP_PORT", "0");
    env.put("CONFERO_TURN_TCP_PORT", "0");
    env.put("CONFERO_DATABASE_DATA_DIR", dataDir.resolve("postgres").toString());
    env.put("CONFERO_RECORDING_LOCAL_DIR", dataDir.resolve("recordings").toString());
    env.put("CONFERO_RECORDING_WORK_DIR", dataDir.resolve("recording-work").toString());
    env.put("CONFERO_RECORDING_COMPOSITOR_POLL_INTERVAL", "200ms");
    // a cluster of its own: other test JVMs on this machine must never join it
    env.put("CONFERO_CLUSTER_NAME", "confero-test-" + java.util.UUID.randomUUID());
    env.put("CONFERO_API_KEY", API_KEY);
    env.put("CONFERO_API_SECRET", API_SECRET);
    env.putAll(overrides);
    return env;
  }

  /** A TCP port free right now (the OS picks it); the node binds it a moment later. */
  public static int freePort() throws java.io.IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  public Confero node() {
    return node;
  }

  public Path dataDir() {
    return dataDir;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + node.httpPort();
  }

  @Override
  public void close() throws Exception {
    node.close();
  }
}
