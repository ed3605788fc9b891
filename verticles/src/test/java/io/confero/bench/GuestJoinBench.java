package io.confero.bench;

import io.confero.api.RestClient;
import io.confero.app.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Join latency of a crowd: {@code n} guests (default 300) join one meeting through its link within
 * {@code spread} ms (default 3000), each doing what the web client does (POST /j/{code}/join, open
 * the signaling socket, send join) and timing from the POST to {@code joined}. The node runs in
 * this JVM on an embedded PostgreSQL. Not a test: run with
 * {@code java -cp <test classpath> io.confero.bench.GuestJoinBench [n] [spread-ms]}.
 */
public final class GuestJoinBench {
  private GuestJoinBench() {
  }

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    long spread = args.length > 1 ? Long.parseLong(args[1]) : 3000;
    int status = 0;
    try (TestNode node = TestNode.start(Files.createTempDirectory("confero-join-bench"),
        Map.of("CONFERO_API_RATE_LIMIT_PER_MINUTE", "1000000"))) {
      RestClient rest = new RestClient(node.baseUrl());
      String code = rest.authed(rest.token(), "POST", "/api/v1/meetings",
          "{\"title\":\"Crowd\",\"settings\":{\"max_participants\":1000}}").json().getString("join_code");
      run(node, code, n, spread);
    } catch (Exception | Error e) {
      e.printStackTrace();
      status = 1;
    }
    System.exit(status);
  }

  private static void run(TestNode node, String code, int n, long spread) throws Exception {
    Vertx vertx = Vertx.vertx();
    HttpClient http = vertx.createHttpClient(new HttpClientOptions(), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(n));
    WebSocketClient ws = vertx.createWebSocketClient(new io.vertx.core.http.WebSocketClientOptions().setMaxConnections(n + 10));
    List<Double> millis = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger failed = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(n);
    int httpPort = node.node().httpPort();
    int sigPort = node.node().signalingPort();
    for (int i = 0; i < n; i++) {
      String body = new JsonObject().put("display_name", "Guest " + i).encode();
      vertx.setTimer(1 + i * spread / n, t -> {
        long t0 = System.nanoTime();
        http.request(HttpMethod.POST, httpPort, "127.0.0.1", "/j/" + code + "/join")
            .compose(req -> req.putHeader("Content-Type", "application/json").send(body))
            .compose(resp -> resp.body())
            .compose(b -> ws.connect(sigPort, "127.0.0.1", "/ws?token=" + b.toJsonObject().getString("session_token")))
            .onSuccess(socket -> {
              socket.textMessageHandler(text -> {
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
    List<Double> v = new ArrayList<>(millis);
    System.out.printf("guests=%d spread_ms=%d joined=%d failed=%d complete=%s p50_ms=%.0f p95_ms=%.0f max_ms=%.0f%n",
        n, spread, v.size(), failed.get(), all, BenchJoin.percentile(v, 50), BenchJoin.percentile(v, 95),
        v.stream().mapToDouble(Double::doubleValue).max().orElse(0));
    vertx.close();
  }
}
