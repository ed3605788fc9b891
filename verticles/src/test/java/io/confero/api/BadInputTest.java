package io.confero.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.app.TestNode;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of bad REST input gets the right status, a problem document naming the field, and no write. */
class BadInputTest {
  static TestNode node;
  static RestClient rest;
  static String token;
  static String meetingPath;
  static String expiredToken;
  static String tamperedToken;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(java.nio.file.Files.createTempDirectory("confero-bad"),
        Map.of("CONFERO_API_RATE_LIMIT_PER_MINUTE", "100000"));
    rest = new RestClient(node.baseUrl());
    token = rest.token();
    meetingPath = "/api/v1/meetings/" + rest.authed(token, "POST", "/api/v1/meetings", "{\"title\":\"target\"}")
        .json().getString("meeting_id");
    String[] parts = token.split("\\.");
    JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1])));
    claims.put("tenant", "someone-else");
    tamperedToken = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.encode().getBytes())
        + "." + parts[2];
    byte[] key = new io.confero.store.SecretRepository(node.node().pool(), new java.security.SecureRandom())
        .getOrCreate("jwt-signing-key", 32).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    expiredToken = handMinted(key, -3600);
    String fresh = handMinted(key, 3600);
    assertThat(rest.authed(fresh, "GET", meetingPath, null).status()).as("hand-minted token is valid").isEqualTo(200);
  }

  /** A token signed like the server signs (HS256 over the base64 text of the key), expiring at now + exp. */
  static String handMinted(byte[] key, long exp) throws Exception {
    long now = System.currentTimeMillis() / 1000;
    String header = b64("{\"typ\":\"JWT\",\"alg\":\"HS256\"}");
    String body = b64(new JsonObject().put("typ", "api").put("tenant", "default").put("sub", TestNode.API_KEY)
        .put("iss", "confero").put("iat", now - 7200).put("exp", now + exp).encode());
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(Base64.getEncoder().encodeToString(key).getBytes(), "HmacSHA256"));
    return header + "." + body + "." + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(mac.doFinal((header + "." + body).getBytes()));
  }

  static String b64(String s) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes());
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  static String future() {
    return Instant.now().plus(1, ChronoUnit.DAYS).toString();
  }

  static Stream<Arguments> bodies() {
    String big = "x".repeat(10 * 1024);
    return Stream.of(
        Arguments.of("malformed JSON", "POST", "{\"title\":", 400, "malformed-json", "body"),
        Arguments.of("not an object", "POST", "[1,2]", 400, "malformed-json", "body"),
        Arguments.of("empty body", "POST", "", 400, "malformed-json", "body"),
        Arguments.of("title wrong type", "POST", "{\"title\":42}", 400, "invalid-type", "title"),
        Arguments.of("unknown field", "POST", "{\"title\":\"a\",\"colour\":\"red\"}", 400, "unknown-field", "colour"),
        Arguments.of("unknown settings field", "POST", "{\"settings\":{\"foo\":1}}", 400, "unknown-field", "settings.foo"),
        Arguments.of("settings wrong type", "POST", "{\"settings\":{\"waiting_room\":\"yes\"}}", 400, "invalid-type", "settings.waiting_room"),
        Arguments.of("max_participants too small", "POST", "{\"settings\":{\"max_participants\":1}}", 422, "invalid-value", "settings.max_participants"),
        Arguments.of("max_participants too large", "POST", "{\"settings\":{\"max_participants\":1001}}", 422, "invalid-value", "settings.max_participants"),
        Arguments.of("max_participants fractional", "POST", "{\"settings\":{\"max_participants\":2.5}}", 400, "invalid-type", "settings.max_participants"),
        Arguments.of("scheduled in the past", "POST", "{\"type\":\"scheduled\",\"start_time\":\"2001-01-01T00:00:00Z\"}", 422, "invalid-value", "start_time"),
        Arguments.of("scheduled without start", "POST", "{\"type\":\"scheduled\"}", 422, "invalid-value", "start_time"),
        Arguments.of("start_time not a date", "POST", "{\"type\":\"scheduled\",\"start_time\":\"tomorrow\"}", 400, "invalid-type", "start_time"),
        Arguments.of("unknown type", "POST", "{\"type\":\"webinar-xl\"}", 422, "invalid-value", "type"),
        Arguments.of("10 KB title", "POST", "{\"title\":\"" + big + "\"}", 422, "invalid-value", "title"),
        Arguments.of("blank title", "POST", "{\"title\":\"   \"}", 422, "invalid-value", "title"),
        Arguments.of("duration zero", "POST", "{\"duration_minutes\":0}", 422, "invalid-value", "duration_minutes"),
        Arguments.of("e2ee with recording", "POST", "{\"settings\":{\"e2ee_enabled\":true,\"allow_recording\":true}}", 422, "invalid-value", "settings.allow_recording"),
        Arguments.of("unknown video codec", "POST", "{\"settings\":{\"video_codec\":\"av1\"}}", 422, "invalid-value", "settings.video_codec"),
        Arguments.of("video codec wrong type", "POST", "{\"settings\":{\"video_codec\":264}}", 400, "invalid-type", "settings.video_codec"),
        Arguments.of("e2ee with H.264", "POST", "{\"settings\":{\"e2ee_enabled\":true,\"video_codec\":\"h264\"}}", 422, "invalid-value", "settings.video_codec"),
        Arguments.of("body over 64 KB", "POST", "{\"title\":\"" + "y".repeat(70 * 1024) + "\"}", 413, "payload-too-large", "body"),
        Arguments.of("patch unknown field", "PATCH", "{\"type\":\"scheduled\"}", 400, "unknown-field", "type"),
        Arguments.of("patch start in past", "PATCH", "{\"start_time\":\"2001-01-01T00:00:00Z\"}", 422, "invalid-value", "start_time"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bodies")
  void badBodies(String name, String method, String body, int status, String type, String field) throws Exception {
    long before = count();
    String path = method.equals("POST") ? "/api/v1/meetings" : meetingPath;
    RestClient.Response r = rest.authed(token, method, path, body);
    assertProblem(r, status, type);
    assertThat(r.json().getString("field")).isEqualTo(field);
    assertThat(r.json().getString("detail")).isNotBlank();
    assertThat(count()).as("nothing written").isEqualTo(before);
    assertThat(rest.authed(token, "GET", meetingPath, null).json().getString("title")).isEqualTo("target");
  }

  static Stream<Arguments> badTokens() {
    return Stream.of(
        Arguments.of("missing", null, 401, "unauthorized"),
        Arguments.of("garbage", "Bearer not-a-jwt", 401, "unauthorized"),
        Arguments.of("expired", "EXPIRED", 401, "unauthorized"),
        Arguments.of("tampered", "TAMPERED", 401, "unauthorized"),
        Arguments.of("basic instead of bearer", "Basic " + Base64.getEncoder().encodeToString("a:b".getBytes()), 401, "unauthorized"));
  }

  @ParameterizedTest(name = "{0} token")
  @MethodSource("badTokens")
  void badTokensAreRefused(String name, String header, int status, String type) throws Exception {
    String h = header == null ? null : header.equals("EXPIRED") ? "Bearer " + expiredToken
        : header.equals("TAMPERED") ? "Bearer " + tamperedToken : header;
    RestClient.Response r = h == null ? rest.send("GET", meetingPath, null) : rest.send("GET", meetingPath, null, "Authorization", h);
    assertProblem(r, status, type);
    RestClient.Response post = h == null ? rest.send("POST", "/api/v1/meetings", "{}")
        : rest.send("POST", "/api/v1/meetings", "{}", "Authorization", h);
    assertProblem(post, status, type);
  }

  @Test
  void wrongApiSecretIsRefused() throws Exception {
    String basic = Base64.getEncoder().encodeToString((TestNode.API_KEY + ":wrong-secret").getBytes());
    assertProblem(rest.send("POST", "/api/v1/tokens", null, "Authorization", "Basic " + basic), 401, "unauthorized");
    assertProblem(rest.send("POST", "/api/v1/tokens", null), 401, "unauthorized");
  }

  @Test
  void unknownIdsAre404() throws Exception {
    assertProblem(rest.authed(token, "GET", "/api/v1/meetings/00000000-0000-0000-0000-000000000000", null), 404, "not-found");
    assertProblem(rest.authed(token, "GET", "/api/v1/meetings/not-a-uuid", null), 404, "not-found");
    assertProblem(rest.authed(token, "GET", "/api/v1/nothing-here", null), 404, "not-found");
    assertProblem(rest.send("POST", "/j/abc-defg-hij/join", "{\"display_name\":\"x\"}"), 404, "not-found");
  }

  @Test
  void badListParameters() throws Exception {
    assertProblem(rest.authed(token, "GET", "/api/v1/meetings?limit=0", null), 422, "invalid-value");
    assertProblem(rest.authed(token, "GET", "/api/v1/meetings?limit=abc", null), 400, "invalid-type");
    assertProblem(rest.authed(token, "GET", "/api/v1/meetings?cursor=bm90LWEtY3Vyc29y", null), 400, "invalid-cursor");
    assertProblem(rest.authed(token, "GET", "/api/v1/meetings?status=maybe", null), 422, "invalid-value");
    assertProblem(rest.authed(token, "GET", "/api/v1/meetings?sort=asc", null), 400, "unknown-parameter");
  }

  @Test
  void badJoinBodies() throws Exception {
    assertProblem(rest.authed(token, "POST", meetingPath + "/join", "{}"), 422, "invalid-value");
    assertProblem(rest.authed(token, "POST", meetingPath + "/join", "{\"display_name\":\"a\",\"role\":\"king\"}"), 422, "invalid-value");
    assertProblem(rest.authed(token, "POST", meetingPath + "/join", "{\"display_name\":\"a\",\"x\":1}"), 400, "unknown-field");
  }

  static void assertProblem(RestClient.Response r, int status, String type) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
    JsonObject p = r.json();
    assertThat(p.getString("type")).isEqualTo(Problems.TYPE_PREFIX + type);
    assertThat(p.getInteger("status")).isEqualTo(status);
  }

  static long count() throws Exception {
    return node.node().pool().query("SELECT count(*) FROM meetings").execute()
        .map(rows -> rows.iterator().next().getLong(0)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
