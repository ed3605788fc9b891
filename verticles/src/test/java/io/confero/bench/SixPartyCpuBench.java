package io.confero.bench;

import io.confero.e2e.BrowserSession;
import io.confero.e2e.Browsers;
import io.confero.e2e.E2EServer;
import io.confero.e2e.PeerStats;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Server CPU per forwarded stream: 6 headless Chromium participants publish camera and microphone
 * into one meeting; once every participant decodes the other 5 videos, the Confero JVM's CPU time
 * (the server runs in this JVM) and Chromium's (this JVM's descendant processes) are sampled, with
 * {@code confero_sfu_rtp_forwarded_total} from /metrics, over a window (default 30 s).
 * Not a test: run with {@code docs/bench/e2e-bench.sh SixPartyCpuBench [participants] [seconds] [await-seconds] [WxH window]}.
 */
public final class SixPartyCpuBench {
  private SixPartyCpuBench() {
  }

  /** Runs the benchmark and exits (the in-process server leaves non-daemon threads behind). */
  public static void main(String[] args) {
    BenchJoin.runAndExit(() -> run(args));
  }

  static void run(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 6;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    Duration await = Duration.ofSeconds(args.length > 2 ? Integer.parseInt(args[2]) : 120);
    // the browsers' window (a laptop-sized window by default); smaller windows mean smaller tiles,
    // which receiver-driven sizing turns into smaller, cheaper video for everyone
    String[] window = (args.length > 3 ? args[3] : "1280x800").split("x");
    List<BrowserSession> people = new ArrayList<>();
    try (E2EServer server = E2EServer.start()) {
      E2EServer.Meeting meeting = server.createMeeting("cpu bench");
      for (int i = 1; i <= n; i++) {
        BrowserSession b = Browsers.launchUnmanaged("p" + i, o -> { });
        b.driver().manage().window().setSize(new org.openqa.selenium.Dimension(Integer.parseInt(window[0]),
            Integer.parseInt(window[1])));
        try {
          BenchJoin.join(b, server, meeting, "P" + i);
          people.add(b);
          System.out.println("joined P" + i);
        } catch (RuntimeException e) {
          System.out.println("P" + i + " failed to join, continuing without it: " + e.getMessage().lines().findFirst().orElse(""));
          b.close();
        }
      }
      n = people.size();
      int expect = n - 1;
      // one loop over everybody (not one wait per participant): every 5 s, how many remote videos
      // each participant decodes (framesDecoded rising since the previous look), until all decode all
      java.util.Map<String, java.util.Map<String, Long>> seen = new java.util.HashMap<>();
      long start = System.nanoTime();
      int[] allDecoding = {0};
      try {
        org.awaitility.Awaitility.await("every participant decodes " + expect + " videos").atMost(await)
            .pollInterval(Duration.ofSeconds(5)).until(() -> {
              StringBuilder line = new StringBuilder(String.format("  t=%.0f s rising videos:", (System.nanoTime() - start) / 1e9));
              int ok = 0;
              for (BrowserSession b : people) {
                java.util.Map<String, Long> before = seen.computeIfAbsent(b.name(), k -> new java.util.HashMap<>());
                int rising = 0;
                for (PeerStats.InboundVideo v : b.subscriber().sample().inboundVideo()) {
                  Long prev = before.put(v.trackIdentifier(), v.framesDecoded());
                  if (prev != null && v.framesDecoded() > prev) {
                    rising++;
                  }
                }
                line.append(' ').append(b.name()).append('=').append(rising);
                ok += rising >= expect ? 1 : 0;
              }
              System.out.println(line);
              allDecoding[0] = ok;
              return ok == people.size();
            });
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        System.out.println("not everybody decoded every video within " + await);
      }
      System.out.printf("participants decoding all %d remote videos: %d of %d%n", expect, allDecoding[0], n);
      sample(server, people, n, seconds);
    } finally {
      for (BrowserSession b : people) {
        b.close();
      }
    }
  }

  private static void sample(E2EServer server, List<BrowserSession> people, int n, int seconds) throws Exception {
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long[] frames0 = framesDecoded(people);
    double fwd0 = forwarded(server);
    long jvm0 = os.getProcessCpuTime();
    long kids0 = descendantsCpuNanos();
    long t0 = System.nanoTime();
    // sample every 5 s through the window: each sample prints how many frames per second the
    // participants decode together, so a starving run shows when it starts to starve
    long[] last = {frames0.length == 0 ? 0 : java.util.Arrays.stream(frames0).sum(), t0};
    org.awaitility.Awaitility.await("sampling window").atMost(Duration.ofSeconds(seconds + 60L))
        .pollDelay(Duration.ofSeconds(5)).pollInterval(Duration.ofSeconds(5)).until(() -> {
          long now = System.nanoTime();
          long total = java.util.Arrays.stream(framesDecoded(people)).sum();
          System.out.printf("  t=%.0f s decoded %.1f frames/s (all participants)%n", (now - t0) / 1e9,
              (total - last[0]) * 1e9 / (now - last[1]));
          last[0] = total;
          last[1] = now;
          return now - t0 >= seconds * 1_000_000_000L;
        });
    long wall = System.nanoTime() - t0;
    long jvm = os.getProcessCpuTime() - jvm0;
    long kids = descendantsCpuNanos() - kids0;
    double fwd = forwarded(server) - fwd0;
    long[] frames1 = framesDecoded(people);
    int streams = n * (n - 1) * 2;
    double jvmPct = 100.0 * jvm / wall;
    System.out.printf("RESULT window=%.1f s server_jvm_cpu=%.1f%% (of one core) chromium_cpu=%.1f%% forwarded_pkts/s=%.0f"
        + " streams=%d server_cpu_per_stream=%.2f%% pkts_per_stream/s=%.1f load=%s%n",
        wall / 1e9, jvmPct, 100.0 * kids / wall, fwd * 1e9 / wall, streams, jvmPct / streams,
        fwd * 1e9 / wall / streams, java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim());
    for (int i = 0; i < people.size(); i++) {
      PeerStats s = people.get(i).subscriber().sample();
      Object reconnects = people.get(i).execute("return window.confero.reconnects;");
      System.out.printf("  %s: subscriber %s, %d remote videos with frames, %.1f decoded frames/s (summed),"
          + " reconnects %s (a reconnect restarts the counters)%n",
          people.get(i).name(), s.connectionState(), s.inboundVideo().stream().filter(v -> v.framesDecoded() > 0).count(),
          (frames1[i] - frames0[i]) * 1e9 / wall, reconnects);
    }
  }

  private static double forwarded(E2EServer server) throws Exception {
    return BenchJoin.metric(server.rest().send("GET", "/metrics", null).body(), "confero_sfu_rtp_forwarded_total");
  }

  private static long[] framesDecoded(List<BrowserSession> people) {
    long[] f = new long[people.size()];
    for (int i = 0; i < f.length; i++) {
      PeerStats s = people.get(i).subscriber().sample();
      f[i] = s.inboundVideo().stream().mapToLong(PeerStats.InboundVideo::framesDecoded).sum();
    }
    return f;
  }

  private static long descendantsCpuNanos() {
    return ProcessHandle.current().descendants().mapToLong(p -> p.info().totalCpuDuration()
        .map(Duration::toNanos).orElse(0L)).sum();
  }
}
