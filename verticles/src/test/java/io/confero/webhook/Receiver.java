package io.confero.webhook;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A real webhook receiver for tests: a Vert.x HTTP server on loopback. Each path ({@code /r/<name>})
 * answers from its script of replies (then 200), records every request with its raw body and
 * whether its signature verifies under the secret the test registered for that path.
 */
public final class Receiver implements AutoCloseable {
  /** How to answer one request. */
  public enum Reply { OK, FAIL_500, HANG }

  /** One request as it arrived. */
  public record Hit(String path, Map<String, String> headers, byte[] body, boolean signatureValid, int answered) {
    public JsonObject json() {
      return new JsonObject(new String(body, java.nio.charset.StandardCharsets.UTF_8));
    }

    public String eventId() {
      return headers.get("confero-event-id");
    }
  }

  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  private final Map<String, ConcurrentLinkedDeque<Reply>> scripts = new ConcurrentHashMap<>();
  private final Map<String, List<String>> secrets = new ConcurrentHashMap<>();
  private final List<Hit> hits = new CopyOnWriteArrayList<>();
  private volatile Reply fallback = Reply.OK;

  public Receiver() throws Exception {
    server = vertx.createHttpServer().requestHandler(this::handle);
    server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  public String url(String name) {
    return "http://127.0.0.1:" + server.actualPort() + "/r/" + name;
  }

  /** The next replies for {@code name}, in order; afterwards {@link #fallback}. */
  public void script(String name, Reply... replies) {
    scripts.computeIfAbsent("/r/" + name, k -> new ConcurrentLinkedDeque<>()).addAll(List.of(replies));
  }

  public void fallback(Reply r) {
    fallback = r;
  }

  /** Secrets a request to {@code name} may be signed with (verification passes with any one). */
  public void secrets(String name, String... s) {
    secrets.put("/r/" + name, List.of(s));
  }

  public List<Hit> hits(String name) {
    return hits.stream().filter(h -> h.path().equals("/r/" + name)).toList();
  }

  private void handle(HttpServerRequest req) {
    req.body().onSuccess(b -> {
      ConcurrentLinkedDeque<Reply> script = scripts.get(req.path());
      Reply r = script == null || script.isEmpty() ? fallback : script.poll();
      Map<String, String> headers = new ConcurrentHashMap<>();
      req.headers().forEach(e -> headers.put(e.getKey().toLowerCase(java.util.Locale.ROOT), e.getValue()));
      byte[] body = b.getBytes();
      boolean valid = secrets.getOrDefault(req.path(), List.of()).stream().anyMatch(s ->
          WebhookSignature.verify(headers.get("confero-signature"), body, s, System.currentTimeMillis() / 1000,
              365L * 86400));
      hits.add(new Hit(req.path(), headers, body, valid, r == Reply.OK ? 200 : r == Reply.FAIL_500 ? 500 : 0));
      switch (r) {
        case OK -> req.response().setStatusCode(200).end("ok");
        case FAIL_500 -> req.response().setStatusCode(500).end("boom");
        case HANG -> { }
      }
    });
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
