package io.confero.bench;

import io.confero.api.RestClient;
import io.confero.app.TestNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Join latency of a crowd: {@code n} guests (default 300) join one meeting through its link within
 * {@code spread} ms (default 3000), each doing what the web client does (POST /j/{code}/join, on a
 * 429 waiting Retry-After plus jitter and trying again, open the signaling socket, send join) and
 * timing from the first POST to {@code joined}. Runs twice in one go on fresh nodes in this JVM
 * (embedded PostgreSQL): "before" with batching and admission control off (every join and leave
 * broadcast alone, every join admitted) and "after" with the defaults ({@code signaling.batch_above}
 * 50, {@code api.join_rate_per_second} 100, {@code api.join_burst} 200), printing join times, 429s
 * and the signaling frames all guests received. Not a test: run with
 * {@code java -cp <test classpath> io.confero.bench.GuestJoinBench [n] [spread-ms]}.
 */
public final class GuestJoinBench {
  private GuestJoinBench() {
  }

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    long spread = args.length > 1 ? Long.parseLong(args[1]) : 3000;
    int status = 0;
    try {
      Map<String, String> off = new HashMap<>(Map.of("CONFERO_SIGNALING_BATCH_ABOVE", "1000000",
          "CONFERO_API_JOIN_RATE_PER_SECOND", "1000000", "CONFERO_API_JOIN_BURST", "1000000"));
      bench("before", off, n, spread);
      bench("after", Map.of(), n, spread);
    } catch (Exception | Error e) {
      e.printStackTrace();
      status = 1;
    }
    System.exit(status);
  }

  private static void bench(String label, Map<String, String> config, int n, long spread) throws Exception {
    Map<String, String> env = new HashMap<>(config);
    env.put("CONFERO_API_RATE_LIMIT_PER_MINUTE", "1000000");
    try (TestNode node = TestNode.start(Files.createTempDirectory("confero-join-bench"), env)) {
      RestClient rest = new RestClient(node.baseUrl());
      String code = rest.authed(rest.token(), "POST", "/api/v1/meetings",
          "{\"title\":\"Crowd\",\"settings\":{\"max_participants\":1000}}").json().getString("join_code");
      run(label, node, code, n, spread);
    }
  }

  private static void run(String label, TestNode node, String code, int n, long spread) throws Exception {
    Vertx vertx = Vertx.vertx();
    HttpClient http = vertx.createHttpClient(new HttpClientOptions(), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(n));
    WebSocketClient ws = vertx.createWebSocketClient(new io.vertx.core.http.WebSocketClientOptions().setMaxConnections(n + 10));
    List<Double> millis = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger failed = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    AtomicLong frames = new AtomicLong();
    CountDownLatch done = new CountDownLatch(n);
    int sigPort = node.node().signalingPort();
    long cpu0 = cpuNanos();
    long wall0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      String body = new JsonObject().put("display_name", "Guest " + i).encode();
      vertx.setTimer(1 + i * spread / n, t -> {
        long t0 = System.nanoTime();
        post(vertx, http, node.node().httpPort(), code, body, refused)
            .compose(b -> ws.connect(sigPort, "127.0.0.1", "/ws?token=" + b.toJsonObject().getString("session_token")))
            .onSuccess(socket -> {
              socket.textMessageHandler(text -> {
                frames.incrementAndGet();
                if ("joined".equals(new JsonObject(text).getString("type"))) {
                  millis.add((System.nanoTime() - t0) / 1e6);
                  done.countDown();
                }
              });
              socket.writeTextMessage(new JsonObject().put("type", "join").put("v", 1).encode());
            })
            .onFailure(e -> {
              failed.incrementAndGet();
              done.countDown();
            });
      });
    }
    boolean all = done.await(300, TimeUnit.SECONDS);
    double wallS = (System.nanoTime() - wall0) / 1e9;
    TimeUnit.SECONDS.sleep(2); // the last batches flush
    List<Double> v = new ArrayList<>(millis);
    System.out.printf("%s: guests=%d spread_ms=%d joined=%d failed=%d complete=%s p50_ms=%.0f p95_ms=%.0f max_ms=%.0f"
        + " refused_429=%d frames_to_guests=%d cpu_s=%.1f wall_s=%.1f%n", label, n, spread, v.size(), failed.get(), all,
        BenchJoin.percentile(v, 50), BenchJoin.percentile(v, 95), v.stream().mapToDouble(Double::doubleValue).max().orElse(0),
        refused.get(), frames.get(), (cpuNanos() - cpu0) / 1e9, wallS);
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** POST /j/{code}/join as the web client does it: a 429 is tried again after Retry-After × (1 + random). */
  private static Future<io.vertx.core.buffer.Buffer> post(Vertx vertx, HttpClient http, int port, String code,
      String body, AtomicInteger refused) {
    return http.request(HttpMethod.POST, port, "127.0.0.1", "/j/" + code + "/join")
        .compose(req -> req.putHeader("Content-Type", "application/json").send(body))
        .compose(resp -> resp.statusCode() != 429 ? resp.body() : retry(vertx, http, port, code, body, refused, resp));
  }

  private static Future<io.vertx.core.buffer.Buffer> retry(Vertx vertx, HttpClient http, int port, String code,
      String body, AtomicInteger refused, HttpClientResponse resp) {
    refused.incrementAndGet();
    long wait = (long) (Long.parseLong(resp.getHeader("Retry-After")) * 1000 * (1 + ThreadLocalRandom.current().nextDouble()));
    return resp.body().compose(x -> vertx.timer(wait)).compose(x -> post(vertx, http, port, code, body, refused));
  }

  /** CPU time of this process (the node and the guests together). */
  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }
}
