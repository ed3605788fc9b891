package io.confero.signaling;

import org.awaitility.Awaitility;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** A raw signaling client for tests: what a browser's WebSocket sends and sees, nothing more. */
public final class WsPeer implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(60);

  final List<JsonObject> received = new CopyOnWriteArrayList<>();
  final AtomicInteger closeStatus = new AtomicInteger(-1);
  private final WebSocketClient client;
  private final WebSocket ws;
  private int ids;

  private WsPeer(WebSocketClient client, WebSocket ws) {
    this.client = client;
    this.ws = ws;
  }

  /** Opens {@code /ws?token=...} on the signaling port. */
  public static WsPeer connect(Vertx vertx, int port, String token) throws Exception {
    WebSocketClient client = vertx.createWebSocketClient();
    WebSocketConnectOptions o = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
        .setURI("/ws?token=" + token);
    WebSocket ws = client.connect(o).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    WsPeer p = new WsPeer(client, ws);
    ws.textMessageHandler(t -> p.received.add(new JsonObject(t)));
    ws.closeHandler(v -> p.closeStatus.set(ws.closeStatusCode() == null ? 1005 : ws.closeStatusCode()));
    return p;
  }

  /** Connects and sends join; returns the peer once {@code joined} (or {@code waiting}) arrived. */
  public static WsPeer joined(Vertx vertx, int port, String token, String expect) throws Exception {
    WsPeer p = connect(vertx, port, token);
    p.send(new JsonObject().put("type", "join").put("v", 1));
    p.await(expect);
    return p;
  }

  /** Sends a frame with a fresh id and returns that id. */
  public String send(JsonObject msg) {
    String id = "m" + (++ids);
    ws.writeTextMessage(msg.copy().put("id", id).encode());
    return id;
  }

  void sendRaw(String text) {
    ws.writeTextMessage(text);
  }

  public JsonObject await(String type) {
    return await(type, m -> true);
  }

  /** The first received message of {@code type} matching {@code p}, waiting for it when needed. */
  public JsonObject await(String type, Predicate<JsonObject> p) {
    JsonObject[] found = new JsonObject[1];
    Awaitility.await().atMost(WAIT).until(() -> {
      found[0] = received.stream().filter(m -> type.equals(m.getString("type")) && p.test(m)).findFirst().orElse(null);
      return found[0] != null;
    });
    return found[0];
  }

  /** The error answering the frame with id {@code ref}. */
  JsonObject awaitError(String ref) {
    return await("error", m -> ref.equals(m.getString("ref")));
  }

  long count(String type) {
    return received.stream().filter(m -> type.equals(m.getString("type"))).count();
  }

  /** Sends ping and waits for the pong: every earlier frame of this connection was handled by then. */
  public void sync() {
    long pongs = count("pong");
    send(new JsonObject().put("type", "ping"));
    Awaitility.await().atMost(WAIT).until(() -> count("pong") > pongs);
  }

  public void awaitClosed() {
    Awaitility.await().atMost(WAIT).until(() -> closeStatus.get() >= 0);
  }

  /** Closes like a page reload or a lost network: 1001 going away, never the deliberate 1000. */
  void drop() throws Exception {
    ws.close((short) 1001, "going away").toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    client.close();
  }

  @Override
  public void close() {
    ws.close();
    client.close();
  }
}
