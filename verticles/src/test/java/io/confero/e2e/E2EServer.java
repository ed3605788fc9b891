package io.confero.e2e;

import io.confero.api.RestClient;
import io.confero.app.TestNode;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The real Confero server, in-process, for end-to-end tests: {@link TestNode} (embedded PostgreSQL,
 * single-member Hazelcast, OS-chosen ports) with the settings a lo-only namespace needs, the web
 * client served from the repository's {@code webroot/}, and a REST client holding a bearer token.
 */
public final class E2EServer implements AutoCloseable {
  private final TestNode node;
  private final RestClient rest;
  private final String token;
  private final Path dataDir;

  private E2EServer(TestNode node, Path dataDir) throws Exception {
    this.node = node;
    this.dataDir = dataDir;
    this.rest = new RestClient(node.baseUrl());
    this.token = rest.token();
  }

  /** Starts a node with the end-to-end defaults. */
  public static E2EServer start() throws Exception {
    return start(Map.of());
  }

  /** Starts a node; {@code overrides} are CONFERO_* keys applied after the end-to-end defaults. */
  public static E2EServer start(Map<String, String> overrides) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("CONFERO_SFU_ANNOUNCED_ADDRESS", "127.0.0.1");
    String webroot = System.getProperty("confero.webroot");
    if (webroot != null) {
      env.put("CONFERO_HTTP_WEBROOT", Path.of(webroot).toAbsolutePath().normalize().toString());
    }
    env.putAll(overrides);
    Path dataDir = Files.createTempDirectory("confero-e2e-");
    try {
      return new E2EServer(TestNode.start(dataDir, env), dataDir);
    } catch (Exception | Error e) {
      BrowserSession.deleteTree(dataDir);
      throw e;
    }
  }

  public TestNode node() {
    return node;
  }

  public RestClient rest() {
    return rest;
  }

  /** An integrator bearer token for {@link #rest()}. */
  public String token() {
    return token;
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String baseUrl() {
    return node.baseUrl();
  }

  /** A meeting created over REST, as the integrator sees it. */
  public record Meeting(String id, String joinCode, String title, JsonObject json) {
  }

  /** Creates a meeting with {@code POST /api/v1/meetings}; fails unless the answer is 201. */
  public Meeting createMeeting(String title) throws Exception {
    String body = new JsonObject().put("title", title).encode();
    RestClient.Response r = rest.authed(token, "POST", "/api/v1/meetings", body);
    if (r.status() != 201) {
      throw new IllegalStateException("create meeting: " + r.status() + " " + r.body());
    }
    JsonObject m = r.json();
    String joinUrl = m.getString("join_url");
    String code = joinUrl.substring(joinUrl.lastIndexOf('/') + 1);
    return new Meeting(m.getString("meeting_id"), code, m.getString("title"), m);
  }

  /** The join link on this node's bound address: {@code http://127.0.0.1:<port>/j/<code>}. */
  public String joinUrl(Meeting meeting) {
    return baseUrl() + "/j/" + meeting.joinCode();
  }

  @Override
  public void close() throws Exception {
    try {
      node.close();
    } finally {
      BrowserSession.deleteTree(dataDir);
    }
  }
}
