package io.confero.webhook;

import io.confero.api.RestClient;
import io.confero.app.TestNode;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Measures (docs/benchmarks-webhooks.md): outbox delivery rate to a local receiver, and the latency
 * of POST /api/v1/meetings without and with subscribed webhook endpoints. Not a test; run by hand:
 * {@code java -cp <test classpath> io.confero.webhook.WebhookBenchMain}.
 */
public final class WebhookBenchMain {
  public static void main(String[] args) throws Exception {
    Map<String, String> cfg = new HashMap<>(WebhookFixture.CONFIG);
    cfg.put("CONFERO_WEBHOOKS_POLL_INTERVAL_MS", "50");
    cfg.put("CONFERO_API_RATE_LIMIT_PER_MINUTE", "1000000");
    try (Receiver receiver = new Receiver();
        TestNode node = TestNode.start(Files.createTempDirectory("confero-bench"), cfg)) {
      RestClient rest = new RestClient(node.baseUrl());
      String token = rest.token();
      WebhookFixture fx = new WebhookFixture(rest, token);
      latency("no endpoints", rest, token, 200, 600);
      for (int i = 0; i < 3; i++) {
        fx.endpoint(receiver.url("lat" + i), "meeting.created");
      }
      latency("3 endpoints", rest, token, 200, 600);
      awaitDrained(node.node().pool());
      String ep = fx.endpoint(receiver.url("bulk"), "meeting.ended").getString("id");
      throughput(node.node().pool(), ep, 5000, 5000, "5000 events, 5000 meetings");
      throughput(node.node().pool(), ep, 500, 1, "500 events, one meeting (ordered)");
    }
    System.exit(0);
  }

  private static void latency(String label, RestClient rest, String token, int warm, int n) throws Exception {
    long[] ns = new long[n];
    for (int i = 0; i < warm + n; i++) {
      long t0 = System.nanoTime();
      RestClient.Response r = rest.authed(token, "POST", "/api/v1/meetings", "{\"title\":\"bench\",\"type\":\"instant\"}");
      long dt = System.nanoTime() - t0;
      if (r.status() != 201) {
        throw new IllegalStateException(r.body());
      }
      if (i >= warm) {
        ns[i - warm] = dt;
      }
    }
    Arrays.sort(ns);
    System.out.printf("BENCH latency POST /api/v1/meetings [%s] n=%d p50=%.2f ms p90=%.2f ms p99=%.2f ms%n", label, n,
        ns[n / 2] / 1e6, ns[n * 9 / 10] / 1e6, ns[n * 99 / 100] / 1e6);
  }

  private static void throughput(Pool pool, String endpoint, int events, int meetings, String label) throws Exception {
    String sql = "WITH ev AS (INSERT INTO webhook_events (event_id, tenant_id, type, occurred_at, payload)"
        + " SELECT gen_random_uuid(), 'default', 'meeting.ended', now(), '{\"bench\":true}'::jsonb"
        + " FROM generate_series(1, $1) g RETURNING event_id, seq)"
        + " INSERT INTO webhook_deliveries (event_id, endpoint_id, ordering_key, status, next_attempt_at, created_at)"
        + " SELECT event_id, $2, 'bench:' || (seq % $3), 'pending', now(), now() FROM ev ORDER BY seq";
    long t0 = System.nanoTime();
    pool.preparedQuery(sql).execute(Tuple.of(events, UUID.fromString(endpoint), meetings))
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    awaitDrained(pool);
    double s = (System.nanoTime() - t0) / 1e9;
    System.out.printf("BENCH throughput [%s] %.1f s, %.0f events/s%n", label, s, events / s);
  }

  private static void awaitDrained(Pool pool) {
    org.awaitility.Awaitility.await("outbox drained").atMost(java.time.Duration.ofMinutes(10))
        .pollInterval(java.time.Duration.ofMillis(20)).until(() -> pool
            .query("SELECT count(*) FROM webhook_deliveries WHERE status='pending'").execute()
            .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS).iterator().next().getLong(0) == 0);
  }
}
