package io.confero.bench;

import io.confero.e2e.BrowserSession;
import io.confero.e2e.Browsers;
import io.confero.e2e.E2EServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A publisher's uplink toward the SFU: three headless Chromiums join one meeting through the web
 * client; every second each publisher peer connection's getStats() is read: the selected pair's
 * {@code availableOutgoingBitrate} (Chromium's send-side estimate, fed by our transport-wide-cc
 * feedback), the camera's {@code outbound-rtp} {@code targetBitrate}, {@code qualityLimitationReason}
 * and {@code bytesSent} (for the sent rate). Prints one line per second and a RESULT line with the
 * medians over the second half of the run. Not a test: run with
 * {@code docs/bench/e2e-bench.sh UplinkBench [seconds] [camera.y4m]} (a lo-only netns).
 */
public final class UplinkBench {
  private static final String SAMPLE = "const done = arguments[arguments.length - 1];"
      + "const pc = window.confero && window.confero.publisher; if (!pc) { done(null); return; }"
      + "pc.getStats().then(r => { const o = {aob: 0, target: 0, reason: '', bytes: 0, height: 0}; let pair = null;"
      + " r.forEach(s => { if (s.type === 'transport' && s.selectedCandidatePairId) pair = r.get(s.selectedCandidatePairId);"
      + "  if (s.type === 'outbound-rtp' && s.kind === 'video') { o.target += s.targetBitrate || 0;"
      + "   o.reason = s.qualityLimitationReason || ''; o.bytes += s.bytesSent || 0; o.height = s.frameHeight || 0; } });"
      + " if (pair) o.aob = pair.availableOutgoingBitrate || 0; done(o); }, e => done(null));";

  private UplinkBench() {
  }

  /** Runs the benchmark and exits (the in-process server leaves non-daemon threads behind). */
  public static void main(String[] args) {
    BenchJoin.runAndExit(() -> run(args));
  }

  static void run(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    // a y4m file as the camera (--use-file-for-fake-video-capture), e.g. one hard to compress, so
    // the encoder wants more than the estimate allows; default: Chromium's own fake camera
    Consumer<ChromeOptions> camera = args.length > 1
        ? o -> o.addArguments("--use-file-for-fake-video-capture=" + args[1]) : o -> { };
    String[] names = {"Ada", "Grace", "Linus"};
    List<Double> aob = new ArrayList<>();
    List<Double> target = new ArrayList<>();
    List<Double> sent = new ArrayList<>();
    Map<String, Integer> reasons = new TreeMap<>();
    try (E2EServer server = E2EServer.start();
         BrowserSession a = Browsers.launchUnmanaged(names[0], camera);
         BrowserSession b = Browsers.launchUnmanaged(names[1], camera);
         BrowserSession c = Browsers.launchUnmanaged(names[2], camera)) {
      List<BrowserSession> people = List.of(a, b, c);
      E2EServer.Meeting meeting = server.createMeeting("uplink bench");
      for (int i = 0; i < people.size(); i++) {
        BenchJoin.join(people.get(i), server, meeting, names[i]);
      }
      long[] lastBytes = new long[people.size()];
      long start = System.nanoTime();
      for (int t = 1; t <= seconds; t++) {
        long due = start + t * 1_000_000_000L;
        LockSupport.parkNanos(Math.max(0, due - System.nanoTime()));
        StringBuilder line = new StringBuilder(String.format("t=%2ds", t));
        for (int i = 0; i < people.size(); i++) {
          Map<?, ?> s = (Map<?, ?>) people.get(i).executeAsync(SAMPLE);
          if (s == null) {
            line.append(" | ").append(names[i]).append(" n/a");
            continue;
          }
          long bytes = ((Number) s.get("bytes")).longValue();
          double kbps = lastBytes[i] == 0 ? 0 : (bytes - lastBytes[i]) * 8 / 1000.0;
          lastBytes[i] = bytes;
          double aobKbps = ((Number) s.get("aob")).doubleValue() / 1000;
          double targetKbps = ((Number) s.get("target")).doubleValue() / 1000;
          String reason = String.valueOf(s.get("reason"));
          line.append(String.format(" | %s aob=%.0f target=%.0f sent=%.0f kbit/s %s %sp", names[i], aobKbps,
              targetKbps, kbps, reason, s.get("height")));
          if (t > seconds / 2) {
            aob.add(aobKbps);
            target.add(targetKbps);
            sent.add(kbps);
            reasons.merge(reason, 1, Integer::sum);
          }
        }
        System.out.println(line);
      }
    }
    System.out.printf("RESULT seconds=%d second-half medians over 3 publishers: availableOutgoingBitrate=%.0f kbit/s"
        + " (p10 %.0f, p90 %.0f) targetBitrate=%.0f kbit/s videoSent=%.0f kbit/s qualityLimitationReason=%s%n",
        seconds, BenchJoin.percentile(aob, 50), BenchJoin.percentile(aob, 10), BenchJoin.percentile(aob, 90),
        BenchJoin.percentile(target, 50), BenchJoin.percentile(sent, 50), reasons);
  }
}
