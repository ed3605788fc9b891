package io.confero.bench;

import io.confero.e2e.BrowserSession;
import io.confero.e2e.Browsers;
import io.confero.e2e.E2EServer;
import io.confero.e2e.FirefoxPeer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * Time to first media: a publishing participant is in the meeting; a second browser then joins
 * {@code N} times (a fresh page load each time) and the page's own {@code performance.now()} marks
 * are read from {@code window.confero.timings}: {@code wsOpen} (signaling socket open) and
 * {@code firstFrame} (first remote camera frame presented, via requestVideoFrameCallback), with the
 * marks between ({@link BenchJoin#PHASES}: joined, subscriber offer received, answer sent, subscriber
 * connection connected, first remote camera track) to show where the time goes.
 * With a second argument {@code firefox} the same joins follow from Firefox (firefox-peer.mjs).
 * Not a test: run with {@code docs/bench/e2e-bench.sh FirstMediaBench [joins [firefox]]} (a lo-only netns).
 */
public final class FirstMediaBench {
  private FirstMediaBench() {
  }

  /** Runs the benchmark and exits (the in-process server leaves non-daemon threads behind). */
  public static void main(String[] args) {
    BenchJoin.runAndExit(() -> run(args));
  }

  static void run(String[] args) throws Exception {
    int joins = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    List<Double> samples = new ArrayList<>();
    Map<String, List<Double>> phases = new LinkedHashMap<>();
    int failures = 0;
    try (E2EServer server = E2EServer.start();
         BrowserSession publisher = Browsers.launchUnmanaged("publisher", o -> { });
         BrowserSession joiner = Browsers.launchUnmanaged("joiner", o -> { })) {
      E2EServer.Meeting meeting = server.createMeeting("first-media bench");
      BenchJoin.join(publisher, server, meeting, "Publisher");
      for (int i = 1; i <= joins; i++) {
        BenchJoin.join(joiner, server, meeting, "Joiner" + i);
        Double ms = BenchJoin.firstFrameMillis(joiner);
        if (ms != null) {
          samples.add(ms);
          Map<String, Double> at = BenchJoin.phaseMillis(joiner);
          at.forEach((phase, t) -> phases.computeIfAbsent(phase, k -> new ArrayList<>()).add(t));
          System.out.printf("join %2d: wsOpen->firstFrame %.1f ms (after wsOpen: %s)%n", i, ms, at);
        } else {
          failures++;
          System.out.printf("join %2d: no remote frame within %s%n", i, BenchJoin.JOIN_TIMEOUT);
        }
        joiner.find("#leave-btn").click();
      }
      report("Chromium", joins, samples, phases, failures);
      if (args.length > 1 && args[1].equals("firefox")) {
        firefox(server, meeting, joins);
      }
    }
  }

  /** The same joins from Firefox (firefox-peer.mjs --rejoin), into the same meeting and publisher. */
  static void firefox(E2EServer server, E2EServer.Meeting meeting, int joins) throws Exception {
    // Firefox gathers no candidates in a namespace without a default route (FirefoxE2ETest)
    new ProcessBuilder("ip", "route", "replace", "default", "dev", "lo", "src", "127.0.0.1").inheritIO().start().waitFor();
    try (FirefoxPeer firefox = FirefoxPeer.measureFirstMedia(server.joinUrl(meeting), "Firefox", joins)) {
      Awaitility.await("Firefox's joins").atMost(Duration.ofSeconds(60L * joins)).pollInterval(Duration.ofSeconds(1))
          .until(firefox::measured);
      List<Double> samples = new ArrayList<>();
      Map<String, List<Double>> phases = new LinkedHashMap<>();
      for (JsonObject j : firefox.firstMedia()) {
        samples.add(j.getDouble("ms"));
        j.getJsonObject("phases").forEach(e -> phases.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
            .add(((Number) e.getValue()).doubleValue()));
        System.out.printf("firefox join %2d: wsOpen->firstFrame %.1f ms (after wsOpen: %s)%n", j.getInteger("join"),
            j.getDouble("ms"), j.getJsonObject("phases").encode());
      }
      report("Firefox", joins, samples, phases, joins - samples.size());
    }
  }

  static void report(String browser, int joins, List<Double> samples, Map<String, List<Double>> phases, int failures) {
    if (samples.isEmpty()) {
      System.out.println("RESULT " + browser + " no successful joins, failures=" + failures);
      return;
    }
    phases.forEach((phase, t) -> System.out.printf("PHASE %s %-10s median %.1f ms after wsOpen%n", browser, phase,
        BenchJoin.percentile(t, 50)));
    System.out.printf("RESULT %s joins=%d ok=%d failures=%d median=%.1f ms p95=%.1f ms min=%.1f ms max=%.1f ms%n",
        browser, joins, samples.size(), failures, BenchJoin.percentile(samples, 50), BenchJoin.percentile(samples, 95),
        BenchJoin.percentile(samples, 0.0001), BenchJoin.percentile(samples, 100));
  }
}
