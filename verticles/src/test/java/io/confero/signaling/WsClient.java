package io.confero.signaling;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A raw signaling WebSocket client for tests (JDK client, no browser): sends frames, queues what arrives. */
public final class WsClient implements AutoCloseable {
  public final BlockingQueue<JsonObject> received;
  final CompletableFuture<Integer> closed;
  private final WebSocket ws;

  private WsClient(WebSocket ws, BlockingQueue<JsonObject> received, CompletableFuture<Integer> closed) {
    this.ws = ws;
    this.received = received;
    this.closed = closed;
  }

  public static WsClient connect(String url) throws Exception {
    return connect(url, true);
  }

  /**
   * {@code answerClose} false: a misbehaving client that never answers the server's close frame
   * and goes on sending (the server must stop listening to it at once).
   */
  public static WsClient connect(String url, boolean answerClose) throws Exception {
    BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    CompletableFuture<Integer> closed = new CompletableFuture<>();
    StringBuilder partial = new StringBuilder();
    WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
        .buildAsync(URI.create(url), new WebSocket.Listener() {
          @Override
          public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
              received.add(new JsonObject(partial.toString()));
              partial.setLength(0);
            }
            w.request(1);
            return null;
          }

          @Override
          public CompletionStage<?> onClose(WebSocket w, int code, String reason) {
            closed.complete(code);
            return answerClose ? null : new CompletableFuture<Void>();
          }

          @Override
          public void onError(WebSocket w, Throwable error) {
            closed.complete(-1);
          }
        }).get(20, TimeUnit.SECONDS);
    return new WsClient(ws, received, closed);
  }

  public void send(String text) {
    ws.sendText(text, true).join();
  }

  /** Sends and ignores a failure (the server may have dropped the TCP connection by now). */
  void sendQuietly(String text) {
    try {
      ws.sendText(text, true).get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      // the connection is gone: nothing more reaches the server
    }
  }

  void send(JsonObject msg) {
    send(msg.encode());
  }

  /** The next frame of the given type, skipping others; fails after 30 s. */
  JsonObject next(String type) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      JsonObject m = received.poll(200, TimeUnit.MILLISECONDS);
      if (m != null && type.equals(m.getString("type"))) {
        return m;
      }
    }
    throw new AssertionError("no '" + type + "' frame within 30 s");
  }

  /** The next error frame's code. */
  String nextError() throws InterruptedException {
    return next("error").getString("code");
  }

  int awaitClose() throws Exception {
    return closed.get(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    ws.abort();
  }
}
