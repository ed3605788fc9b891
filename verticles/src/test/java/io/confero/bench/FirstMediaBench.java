package io.confero.bench;

import io.confero.e2e.BrowserSession;
import io.confero.e2e.Browsers;
import io.confero.e2e.E2EServer;
import java.util.ArrayList;
import java.util.List;

/**
 * Time to first media: a publishing participant is in the meeting; a second browser then joins
 * {@code N} times (a fresh page load each time) and the page's own {@code performance.now()} marks
 * are read from {@code window.confero.timings}: {@code wsOpen} (signaling socket open) and
 * {@code firstFrame} (first remote camera frame presented, via requestVideoFrameCallback).
 * Not a test: run with {@code docs/bench/e2e-bench.sh FirstMediaBench [joins]} (a lo-only netns).
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
          System.out.printf("join %2d: wsOpen->firstFrame %.1f ms%n", i, ms);
        } else {
          failures++;
          System.out.printf("join %2d: no remote frame within %s%n", i, BenchJoin.JOIN_TIMEOUT);
        }
        joiner.find("#leave-btn").click();
      }
    }
    if (samples.isEmpty()) {
      System.out.println("RESULT no successful joins, failures=" + failures);
      return;
    }
    System.out.printf("RESULT joins=%d ok=%d failures=%d median=%.1f ms p95=%.1f ms min=%.1f ms max=%.1f ms%n",
        joins, samples.size(), failures, BenchJoin.percentile(samples, 50), BenchJoin.percentile(samples, 95),
        BenchJoin.percentile(samples, 0.0001), BenchJoin.percentile(samples, 100));
  }
}
