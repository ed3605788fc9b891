package io.confero.sfu;

import static org.awaitility.Awaitility.await;

import io.confero.api.RestClient;
import io.confero.app.TestNode;
import io.confero.loadgen.LoadParticipant;
import io.confero.loadgen.TrackReception;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the SFU load tests read: a load participant's reception of another, and a node's /metrics samples. */
public final class NodeMetrics {
  private NodeMetrics() {
  }

  /** Video frames (at least 15) and audio packets (at least 50) of {@code from} reached {@code p}. */
  public static boolean receivesBoth(LoadParticipant p, String from) {
    long frames = 0;
    long audio = 0;
    for (TrackReception.Snapshot s : p.received().values()) {
      if (from.equals(s.participantId())) {
        frames += "video".equals(s.kind()) ? s.frames() : 0;
        audio += "audio".equals(s.kind()) ? s.packets() : 0;
      }
    }
    return frames >= 15 && audio >= 50;
  }

  /**
   * The node's Prometheus text, over HTTP/1.1 with a timeout and retried (a plain JDK client tries
   * an h2c upgrade first and once hung here for the whole test timeout).
   */
  public static String metrics(TestNode node) {
    RestClient rest = new RestClient(node.baseUrl());
    AtomicReference<String> body = new AtomicReference<>();
    await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> {
      RestClient.Response r = rest.send("GET", "/metrics", null);
      body.set(r.body());
      return r.status() == 200;
    });
    return body.get();
  }

  /** The value of the first sample whose name and labels match {@code series} (a regex), or -1. */
  public static double sample(String metrics, String series) {
    Matcher m = Pattern.compile("(?m)^" + series + " ([0-9.eE+-]+)$").matcher(metrics);
    return m.find() ? Double.parseDouble(m.group(1)) : -1;
  }
}
