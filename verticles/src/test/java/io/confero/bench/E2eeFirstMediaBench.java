package io.confero.bench;

import io.confero.api.RestClient;
import io.confero.e2e.BrowserSession;
import io.confero.e2e.Browsers;
import io.confero.e2e.E2EServer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * Time to first media with and without end-to-end encryption, in one run: a publisher sits in a
 * plain meeting and another in an E2EE meeting (docs/e2ee.md); one joining browser then joins them
 * in turn {@code N} times each (a fresh page load every time) and reads its page's own marks,
 * {@code window.confero.timings}: signaling socket open → first remote camera frame presented. In the
 * E2EE meeting that includes the key exchange (ECDH, wrapped keys over signaling) and the first
 * decrypted key frame. Not a test: {@code docs/bench/e2e-bench.sh E2eeFirstMediaBench [joins]}.
 */
public final class E2eeFirstMediaBench {
  private E2eeFirstMediaBench() {
  }

  public static void main(String[] args) {
    BenchJoin.runAndExit(() -> run(args));
  }

  static void run(String[] args) throws Exception {
    int joins = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    List<Double> plain = new ArrayList<>();
    List<Double> e2ee = new ArrayList<>();
    try (E2EServer server = E2EServer.start();
         BrowserSession plainPublisher = Browsers.launchUnmanaged("plain-publisher", o -> { });
         BrowserSession e2eePublisher = Browsers.launchUnmanaged("e2ee-publisher", o -> { });
         BrowserSession joiner = Browsers.launchUnmanaged("joiner", o -> { })) {
      E2EServer.Meeting plainMeeting = server.createMeeting("plain first-media bench");
      E2EServer.Meeting e2eeMeeting = encrypted(server);
      BenchJoin.join(plainPublisher, server, plainMeeting, "Plain publisher");
      BenchJoin.join(e2eePublisher, server, e2eeMeeting, "E2EE publisher");
      for (int i = 1; i <= joins; i++) {
        sample(joiner, server, plainMeeting, "plain", i, plain);
        sample(joiner, server, e2eeMeeting, "e2ee", i, e2ee);
      }
      transformCost(joiner, e2eePublisher, server, e2eeMeeting);
    }
    report("plain", joins, plain);
    report("e2ee", joins, e2ee);
  }

  private static E2EServer.Meeting encrypted(E2EServer server) throws Exception {
    JsonObject body = new JsonObject().put("title", "e2ee first-media bench")
        .put("settings", new JsonObject().put("e2ee_enabled", true));
    RestClient.Response r = server.rest().authed(server.token(), "POST", "/api/v1/meetings", body.encode());
    String url = r.json().getString("join_url");
    return new E2EServer.Meeting(r.json().getString("meeting_id"), url.substring(url.lastIndexOf('/') + 1),
        "e2ee first-media bench", r.json());
  }

  private static void sample(BrowserSession joiner, E2EServer server, E2EServer.Meeting m, String kind, int i,
      List<Double> out) {
    BenchJoin.join(joiner, server, m, "Joiner " + kind + i);
    Double ms = BenchJoin.firstFrameMillis(joiner);
    if (ms != null) {
      out.add(ms);
    }
    System.out.printf("%s join %2d: wsOpen->firstFrame %s%n", kind, i, ms == null ? "none within the timeout"
        : String.format("%.1f ms", ms));
    joiner.find("#leave-btn").click();
  }

  /**
   * The worker's time per sealed and per opened frame (frame in to frame out; WebCrypto's AES-GCM
   * runs off the worker thread, so an upper bound on the CPU it adds) over about 20 s of a call.
   */
  private static void transformCost(BrowserSession joiner, BrowserSession publisher, E2EServer server,
      E2EServer.Meeting m) {
    BenchJoin.join(joiner, server, m, "Cost joiner");
    Map<?, ?> start = workerStats(publisher);
    long from = ((Number) start.get("encrypted")).longValue();
    Awaitility.await("20 s of frames").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
        .until(() -> ((Number) workerStats(publisher).get("encrypted")).longValue() - from > 1000);
    for (BrowserSession b : List.of(publisher, joiner)) {
      Map<?, ?> st = workerStats(b);
      double sealed = ((Number) st.get("encrypted")).doubleValue();
      double opened = ((Number) st.get("decrypted")).doubleValue();
      System.out.printf("RESULT transform %s: sealed %.0f frames, %.3f ms and %.0f bytes each; opened %.0f frames,"
          + " %.3f ms and %.0f bytes each; undecryptable %s%n", b.name(), sealed,
          ((Number) st.get("sealMs")).doubleValue() / Math.max(1, sealed),
          ((Number) st.get("sealedBytes")).doubleValue() / Math.max(1, sealed), opened,
          ((Number) st.get("openMs")).doubleValue() / Math.max(1, opened),
          ((Number) st.get("openedBytes")).doubleValue() / Math.max(1, opened), st.get("undecryptable"));
    }
  }

  private static Map<?, ?> workerStats(BrowserSession b) {
    return (Map<?, ?>) b.executeAsync("const done = arguments[0];"
        + " window.confero.e2ee.ask({ type: 'stats' }).then(r => done(r.stats));");
  }

  private static void report(String kind, int joins, List<Double> samples) {
    if (samples.isEmpty()) {
      System.out.println("RESULT " + kind + " no successful joins");
      return;
    }
    System.out.printf("RESULT %s joins=%d ok=%d median=%.1f ms p95=%.1f ms min=%.1f ms max=%.1f ms%n", kind, joins,
        samples.size(), BenchJoin.percentile(samples, 50), BenchJoin.percentile(samples, 95),
        BenchJoin.percentile(samples, 0.0001), BenchJoin.percentile(samples, 100));
  }
}
