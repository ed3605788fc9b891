package io.confero.bench;

import io.confero.e2e.BrowserSession;
import io.confero.e2e.E2EServer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.awaitility.Awaitility;

/** Helpers shared by the browser benchmarks: joining through the web client, percentiles. */
final class BenchJoin {
  static final Duration JOIN_TIMEOUT = Duration.ofSeconds(60);

  private BenchJoin() {
  }

  /** A benchmark's body. */
  interface Body {
    void run() throws Exception;
  }

  /** Runs a benchmark and exits (the in-process server leaves non-daemon threads behind): 0, or 1 on a failure. */
  static void runAndExit(Body body) {
    int status = 0;
    try {
      body.run();
    } catch (Exception | Error e) {
      e.printStackTrace();
      status = 1;
    }
    System.exit(status);
  }

  /** Opens the meeting's join link, types the name, clicks join and waits for state "joined". */
  static void join(BrowserSession b, E2EServer server, E2EServer.Meeting meeting, String name) {
    b.open(server.joinUrl(meeting));
    b.find("#name").clear();
    b.find("#name").sendKeys(name);
    b.find("#join-btn").click();
    Awaitility.await(name + " joined").atMost(JOIN_TIMEOUT).until(() -> "joined".equals(b.conferoState()));
  }

  /**
   * The joined page's signaling-open → first remote camera frame, from its own marks
   * ({@code window.confero.timings}), in ms; null when no remote frame came within the join timeout.
   */
  static Double firstFrameMillis(BrowserSession joiner) {
    try {
      Awaitility.await("first frame").atMost(JOIN_TIMEOUT).pollInterval(java.time.Duration.ofMillis(100))
          .until(() -> joiner.execute("return window.confero.timings.firstFrame;") != null);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      return null;
    }
    java.util.Map<?, ?> t = (java.util.Map<?, ?>) joiner.execute("return window.confero.timings;");
    return ((Number) t.get("firstFrame")).doubleValue() - ((Number) t.get("wsOpen")).doubleValue();
  }

  /** The marks of {@code window.confero.timings} between signaling open and first frame, in call order. */
  static final List<String> PHASES = List.of("joined", "offer", "answer", "connected", "track", "firstFrame");

  /**
   * Where the time to first media went on a joined page whose first frame came: each of
   * {@link #PHASES} as ms after {@code wsOpen} (-1 for a mark not set).
   */
  static java.util.Map<String, Double> phaseMillis(BrowserSession joiner) {
    java.util.Map<?, ?> t = (java.util.Map<?, ?>) joiner.execute("return window.confero.timings;");
    double open = ((Number) t.get("wsOpen")).doubleValue();
    java.util.Map<String, Double> out = new java.util.LinkedHashMap<>();
    for (String phase : PHASES) {
      Object v = t.get(phase);
      out.put(phase, v instanceof Number n ? n.doubleValue() - open : -1.0);
    }
    return out;
  }

  /** Nearest-rank percentile (0 < p <= 100) of the values. */
  static double percentile(List<Double> values, double p) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(v);
    int rank = (int) Math.ceil(p / 100.0 * v.length);
    return v[Math.max(0, Math.min(v.length - 1, rank - 1))];
  }

  /** Sum of one counter family's samples in a Prometheus text exposition. */
  static double metric(String exposition, String name) {
    return exposition.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }
}
