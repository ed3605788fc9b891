package io.confero.e2e;

import io.confero.api.RestClient;
import io.confero.app.TestNode;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The server of an end-to-end test class: {@code @RegisterExtension static final RunningServer
 * server = new RunningServer();} (after {@link Browsers}, so it closes before the browsers do)
 * starts an {@link E2EServer} before the class's {@code @BeforeAll} methods and closes it after the
 * class, optionally printing the SFU's counters first (they help diagnose a failed media test).
 */
public final class RunningServer implements BeforeAllCallback, AfterAllCallback {
  private final Map<String, String> overrides;
  private boolean printSfuMetrics;
  private E2EServer server;

  public RunningServer() {
    this(Map.of());
  }

  /** A server with these CONFERO_* overrides of the end-to-end defaults. */
  public RunningServer(Map<String, String> overrides) {
    this.overrides = Map.copyOf(overrides);
  }

  /** After the class, print the {@code confero_sfu*} lines of {@code /metrics}. */
  public RunningServer printingSfuMetrics() {
    printSfuMetrics = true;
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    server = E2EServer.start(overrides);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (server == null) {
      return;
    }
    try {
      if (printSfuMetrics) {
        server.rest().send("GET", "/metrics", null).body().lines().filter(l -> l.startsWith("confero_sfu"))
            .forEach(System.out::println);
      }
    } finally {
      server.close();
      server = null;
    }
  }

  /** The running server (between the class's start and end). */
  public E2EServer get() {
    if (server == null) {
      throw new IllegalStateException("the server runs only while the test class does");
    }
    return server;
  }

  public E2EServer.Meeting createMeeting(String title) throws Exception {
    return get().createMeeting(title);
  }

  public String joinUrl(E2EServer.Meeting meeting) {
    return get().joinUrl(meeting);
  }

  public String baseUrl() {
    return get().baseUrl();
  }

  public RestClient rest() {
    return get().rest();
  }

  public String token() {
    return get().token();
  }

  public TestNode node() {
    return get().node();
  }
}
