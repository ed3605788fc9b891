package io.confero.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.tools.impair.ImpairRelay;
import io.confero.tools.impair.ImpairmentSpec;
import io.confero.tools.impair.Schedule;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bad networks degrade gracefully (issue 13), with real Chromium behind the {@link ImpairRelay}:
 * Ada publishes a 1280x720 camera (three simulcast layers), Grace and Linus a tiny one. Grace's
 * downlink (only hers: the relay caps what goes to her subscriber connection's port) is stepped
 * 10 → 2 → 0.5 → 0.25 → 0.1 Mbit/s and back to 10, while Linus stays free:
 * <ul>
 *   <li>each step down never raises Grace's layer above Linus's, and at 0.25 Mbit/s it is below
 *       Linus's at the same moment, or paused while he decodes (two subscribers of one publisher,
 *       each its own layer; Grace's downlink also carries two Opus streams and Linus's single-layer
 *       camera);</li>
 *   <li>at 0.1 Mbit/s (not even Ada's lowest layer fits next to the audio) Ada's video is paused
 *       for Grace, her tile says why, she is told her connection is unstable (Linus is not), and
 *       audio still plays;</li>
 *   <li>after the cap lifts, Grace is back at Linus's layer (the top one Ada sends at that moment:
 *       under CPU load Chromium may send fewer layers), the paused notice gone;</li>
 *   <li>audio concealment over the whole run is measured (and bounded).</li>
 * </ul>
 * Every poll prints a sample line ({@code E2E badnet ...}): the data of benchmarks §18. Bounds are
 * coarse: the machine is shared and Chromium's layers depend on its own estimate and CPU.
 */
@EndToEnd
class BadNetworkE2ETest {
  static final Duration STEP = Duration.ofSeconds(30);
  static final String RELAY_ADDRESS = "127.0.0.2";
  /** Opus concealed over the run, at most (the target is 5 %; see benchmarks §18 for the measured value). */
  static final double MAX_CONCEALED = 0.05;
  /** Back at the top layer after the cap lifts, at most (probing; the target is 15 s). */
  static final Duration RECOVERY = Duration.ofSeconds(30);

  @RegisterExtension
  static final Browsers browsers = new Browsers();
  @RegisterExtension
  static final RunningServer server = new RunningServer(Map.of("CONFERO_SFU_ANNOUNCED_ADDRESS", RELAY_ADDRESS))
      .printingSfuMetrics();

  static final List<ImpairRelay> relays = new ArrayList<>();
  static BrowserSession ada;
  static BrowserSession grace;
  static BrowserSession linus;
  static String adaId;
  static long startNanos;
  static String cap = "free";

  @BeforeAll
  static void joinThree() throws Exception {
    for (int port : server.node().node().sfuPorts()) {
      relays.add(new ImpairRelay(new InetSocketAddress(RELAY_ADDRESS, port), new InetSocketAddress("127.0.0.1", port),
          Schedule.constant(ImpairmentSpec.PERFECT, ImpairmentSpec.PERFECT), 1));
    }
    Path hd = SimulcastE2ETest.y4m("simulcast-1280x720.y4m", "1280x720", 2);
    Path tiny = SimulcastE2ETest.y4m("simulcast-160x120.y4m", "160x120", 2);
    E2EServer.Meeting meeting = server.createMeeting("Bad network");
    ada = SimulcastE2ETest.join(browsers, server, "Ada", hd, meeting);
    grace = SimulcastE2ETest.join(browsers, server, "Grace", tiny, meeting);
    linus = SimulcastE2ETest.join(browsers, server, "Linus", tiny, meeting);
    adaId = (String) ada.execute("return window.confero.selfId;");
    for (BrowserSession b : List.of(grace, linus)) { // Ada's tile large on both: each wants her top layer
      b.execute("const t = document.querySelector(`.tile[data-participant-id='${arguments[0]}']`);"
          + "t.style.height = t.style.minHeight = t.style.maxHeight = '700px';", adaId);
    }
    startNanos = System.nanoTime();
  }

  @AfterAll
  static void stop() {
    relays.forEach(r -> System.out.println("E2E badnet relay up: " + r.up() + " | down: " + r.down()));
    relays.forEach(ImpairRelay::close);
  }

  /**
   * One getStats sample of a subscriber: Ada's video (height, frames decoded, freezes), all audio
   * received (samples, concealed), bytes received, the port of its subscriber connection, and
   * whether Ada's tile shows the paused notice.
   */
  static JsonObject sample(BrowserSession b) {
    return new JsonObject((String) b.executeAsync("""
        const [id, done] = arguments;
        const tile = document.querySelector(`.tile[data-participant-id='${id}']`);
        const v = tile && tile.querySelector('video');
        const track = v && v.srcObject && v.srcObject.getVideoTracks()[0];
        const notice = tile && tile.querySelector('.tile-paused');
        const o = {height: 0, decoded: 0, freezes: 0, samples: 0, concealed: 0, bytes: 0,
          paused: !!notice && !notice.hidden, notice: notice ? notice.textContent : ''};
        const warning = document.getElementById('net-warning');
        o.unstable = !!warning && !warning.hidden;
        window.confero.subscriber.getStats().then(r => {
          let pair = null;
          r.forEach(s => {
            if (s.type === 'inbound-rtp') o.bytes += s.bytesReceived || 0;
            if (s.type === 'inbound-rtp' && track && s.trackIdentifier === track.id) {
              o.height = s.frameHeight || 0; o.decoded = s.framesDecoded || 0; o.freezes = s.freezeCount || 0; }
            if (s.type === 'inbound-rtp' && s.kind === 'audio') {
              o.samples += s.totalSamplesReceived || 0; o.concealed += s.concealedSamples || 0; }
            if (s.type === 'transport' && s.selectedCandidatePairId) pair = s.selectedCandidatePairId;
          });
          const p = pair && r.get(pair);
          const local = p && r.get(p.localCandidateId);
          o.port = local ? local.port : -1;
          done(JSON.stringify(o));
        });
        """, adaId));
  }

  /** Samples both subscribers and prints one line: the measurements of benchmarks §18. */
  static JsonObject[] poll() {
    JsonObject g = sample(grace);
    JsonObject l = sample(linus);
    System.out.printf("E2E badnet t=%.1f cap=%s grace=%s linus=%s%n", (System.nanoTime() - startNanos) / 1e9, cap,
        g.encode(), l.encode());
    return new JsonObject[] {g, l};
  }

  /** Polls every 500 ms until {@code ok} holds for a sample of (Grace, Linus); returns that sample. */
  static JsonObject[] awaitSample(String what, Duration atMost, Predicate<JsonObject[]> ok) {
    JsonObject[][] last = new JsonObject[1][];
    long start = System.nanoTime();
    Awaitility.await(what).atMost(atMost).pollInterval(Duration.ofMillis(500)).until(() -> {
      last[0] = poll();
      return ok.test(last[0]);
    });
    System.out.printf("E2E badnet reached [%s] after %d ms%n", what, (System.nanoTime() - start) / 1_000_000);
    return last[0];
  }

  /** Like {@link #awaitSample} but {@code ok} must then keep holding for {@code hold} (sampled every 500 ms). */
  static void awaitHeld(String what, Duration hold, Predicate<JsonObject[]> ok) {
    long start = System.nanoTime();
    Awaitility.await(what).during(hold).atMost(STEP.plus(hold)).pollInterval(Duration.ofMillis(500))
        .until(() -> ok.test(poll()));
    System.out.printf("E2E badnet held [%s] %d ms after the step%n", what, (System.nanoTime() - start) / 1_000_000);
  }

  /** Caps what the relay sends to Grace's subscriber connection ({@code null}: free again). */
  static void capGrace(int port, String spec) {
    cap = spec == null ? "free" : spec;
    ImpairmentSpec s = spec == null ? null : ImpairmentSpec.parse(spec);
    relays.forEach(r -> r.impairDown(port, s));
    System.out.println("E2E badnet step " + cap + " for port " + port + "; relay clients "
        + relays.stream().map(ImpairRelay::clients).toList());
  }

  static int height(JsonObject[] x, int who) {
    return x[who].getInteger("height");
  }

  @Test
  void gracesLayerFollowsHerCapLinusKeepsHisVideoPausesAndResumesAudioPlaysThroughout() {
    // "top": what the free subscriber Linus decodes at that moment (Chromium may scale Ada's layers for CPU)
    JsonObject[] s = awaitSample("Grace and Linus decode Ada's top layer", Duration.ofSeconds(180),
        x -> height(x, 1) >= 360 && height(x, 0) >= height(x, 1) && x[0].getInteger("port") > 0);
    int port = s[0].getInteger("port");
    long samples0 = s[0].getLong("samples");
    long concealed0 = s[0].getLong("concealed");
    long freezes0 = s[0].getLong("freezes");

    Duration hold = Duration.ofSeconds(5);
    capGrace(port, "rate=10m");
    awaitHeld("Grace keeps Linus's layer at 10 Mbit/s", hold, x -> height(x, 0) >= height(x, 1) && height(x, 0) > 0);
    capGrace(port, "rate=2m");
    awaitHeld("Grace's layer at 2 Mbit/s is at most Linus's", hold, x -> height(x, 0) <= height(x, 1) && height(x, 0) > 0);
    capGrace(port, "rate=500k");
    awaitHeld("Grace's layer at 500 kbit/s is at most Linus's", hold,
        x -> height(x, 0) <= height(x, 1) && (height(x, 0) > 0 || x[0].getBoolean("paused")));
    capGrace(port, "rate=250k");
    awaitSample("at 250 kbit/s Grace gets a lower layer than Linus at the same time (or none while he decodes)", STEP,
        x -> height(x, 1) > 0 && !x[1].getBoolean("paused")
            && (x[0].getBoolean("paused") || height(x, 0) > 0 && height(x, 0) < height(x, 1)));
    awaitHeld("at 250 kbit/s Grace stays below Linus", hold,
        x -> x[0].getBoolean("paused") || height(x, 0) < height(x, 1));
    capGrace(port, "rate=100k");
    awaitHeld("at 100 kbit/s Ada's video is paused for Grace and her tile says why", hold, x -> x[0].getBoolean("paused"));
    JsonObject[] paused = poll();
    assertThat(paused[0].getString("notice")).isEqualTo("Video paused: poor connection");
    awaitSample("Grace is warned that her connection is unstable (connection_quality)", STEP,
        x -> x[0].getBoolean("unstable") && !x[1].getBoolean("unstable"));
    long audio = paused[0].getLong("samples");
    long decoded = paused[0].getLong("decoded");
    awaitSample("audio still plays while the video is paused", STEP, x -> x[0].getLong("samples") > audio + 48_000);
    assertThat(poll()[0].getLong("decoded")).as("no video decoded while paused").isLessThanOrEqualTo(decoded + 2);

    capGrace(port, null);
    // the issue asks for the top layer within 15 s; bounded at twice that for the shared machine (benchmarks §18)
    awaitSample("the cap lifted, Grace is back at Linus's layer and the notice is gone", RECOVERY,
        x -> !x[0].getBoolean("paused") && height(x, 0) >= height(x, 1) && height(x, 0) > 0);
    JsonObject end = poll()[0];
    double concealed = (double) (end.getLong("concealed") - concealed0) / Math.max(1, end.getLong("samples") - samples0);
    System.out.printf("E2E badnet audio concealed %.4f over the run, Grace's video freezes +%d%n", concealed,
        end.getLong("freezes") - freezes0);
    assertThat(concealed).as("audio concealed over the run").isLessThan(MAX_CONCEALED);
  }
}
