package io.confero.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.app.TestNode;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code POST /web/meetings} (the home page) and the host key on {@code POST /j/{code}/join},
 * against a real node: embedded PostgreSQL, Hazelcast, the signaling WebSocket.
 */
class WebMeetingsApiTest {
  static TestNode node;
  static RestClient rest;
  static String token;

  @BeforeAll
  static void start() throws Exception {
    // a generous budget here: the per-address limit has its own test (WebCreateLimitsTest)
    node = TestNode.start(Files.createTempDirectory("confero-web"),
        Map.of("CONFERO_WEB_CREATE_RATE_LIMIT_PER_MINUTE", "1000"));
    rest = new RestClient(node.baseUrl());
    token = rest.token();
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  static RestClient.Response webCreate(String body) throws Exception {
    return rest.send("POST", "/web/meetings", body);
  }

  static JsonObject created(String body) throws Exception {
    RestClient.Response r = webCreate(body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.header("Cache-Control")).isEqualTo("no-store");
    return r.json();
  }

  static RestClient.Response join(JsonObject meeting, JsonObject body) throws Exception {
    return rest.send("POST", "/j/" + meeting.getString("join_code") + "/join", body.encode());
  }

  static long count(String sql) throws Exception {
    return node.node().pool().query(sql).execute().toCompletionStage().toCompletableFuture()
        .get(30, TimeUnit.SECONDS).iterator().next().getLong(0);
  }

  @Test
  void createsAnInstantMeetingInTheDefaultTenantWithAHostKey() throws Exception {
    JsonObject m = created("{\"title\":\"Standup\"}");
    assertThat(m.getString("title")).isEqualTo("Standup");
    assertThat(m.getString("type")).isEqualTo("instant");
    assertThat(m.getString("join_url")).isEqualTo(node.baseUrl() + "/j/" + m.getString("join_code"));
    String key = m.getString("host_key");
    assertThat(key).matches("[A-Za-z0-9_-]{43}");
    assertThat(m.getString("host_url")).isEqualTo(m.getString("join_url") + "#host=" + key);
    assertThat(Instant.parse(m.getString("start_time"))).isCloseTo(Instant.now(), org.assertj.core.api.Assertions
        .within(5, ChronoUnit.MINUTES));

    // the integrator of the default tenant sees it; the key itself is not part of the meeting
    RestClient.Response got = rest.authed(token, "GET", "/api/v1/meetings/" + m.getString("meeting_id"), null);
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.body()).doesNotContain(key);
    JsonObject expected = m.copy();
    expected.remove("host_key");
    expected.remove("host_url");
    assertThat(got.json()).isEqualTo(expected);

    var row = node.node().pool().preparedQuery("SELECT host_key_hash FROM meetings WHERE meeting_id = $1")
        .execute(Tuple.of(java.util.UUID.fromString(m.getString("meeting_id"))))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS).iterator().next();
    byte[] sha = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    assertThat(row.getBuffer("host_key_hash").getBytes()).isEqualTo(sha);
    assertThat(count("SELECT count(*) FROM webhook_events WHERE type = 'meeting.created' AND meeting_id = '"
        + m.getString("meeting_id") + "'")).isEqualTo(1);
  }

  @Test
  void createsAScheduledMeetingWithItsSettings() throws Exception {
    Instant start = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    JsonObject m = created(new JsonObject().put("title", "Design review").put("scheduled_start", start.toString())
        .put("duration_minutes", 45).put("waiting_room", true).put("mute_on_entry", true).encode());
    assertThat(m.getString("type")).isEqualTo("scheduled");
    assertThat(m.getString("status")).isEqualTo("scheduled");
    assertThat(Instant.parse(m.getString("start_time"))).isEqualTo(start);
    assertThat(m.getInteger("duration_minutes")).isEqualTo(45);
    assertThat(m.getJsonObject("settings").getBoolean("waiting_room")).isTrue();
    assertThat(m.getJsonObject("settings").getBoolean("mute_on_entry")).isTrue();
    assertThat(m.getJsonObject("settings").getBoolean("e2ee_enabled")).isFalse();
  }

  @Test
  void anEndToEndEncryptedMeetingFromTheHomePageIsNeverRecorded() throws Exception {
    JsonObject m = created(new JsonObject().put("title", "Board").put("e2ee_enabled", true).encode());
    assertThat(m.getJsonObject("settings").getBoolean("e2ee_enabled")).isTrue();
    assertThat(m.getJsonObject("settings").getBoolean("allow_recording")).isFalse();
  }

  @Test
  void emptyObjectIsAnInstantMeetingWithDefaults() throws Exception {
    JsonObject m = created("{}");
    assertThat(m.getString("title")).isEqualTo("Confero meeting");
    assertThat(m.getInteger("duration_minutes")).isEqualTo(60);
    assertThat(m.getJsonObject("settings").getBoolean("waiting_room")).isFalse();
  }

  static Stream<Arguments> badBodies() {
    String past = Instant.now().minus(1, ChronoUnit.DAYS).toString();
    String far = Instant.now().plus(4000, ChronoUnit.DAYS).toString();
    return Stream.of(
        Arguments.of("", 400, "malformed-json", "body"),
        Arguments.of("{", 400, "malformed-json", "body"),
        Arguments.of("[]", 400, "malformed-json", "body"),
        Arguments.of("{\"type\":\"instant\"}", 400, "unknown-field", "type"),
        Arguments.of("{\"settings\":{}}", 400, "unknown-field", "settings"),
        Arguments.of("{\"title\":5}", 400, "invalid-type", "title"),
        Arguments.of("{\"title\":\"   \"}", 422, "invalid-value", "title"),
        Arguments.of("{\"title\":\"" + "x".repeat(201) + "\"}", 422, "invalid-value", "title"),
        Arguments.of("{\"title\":\"a\\u0007b\"}", 422, "invalid-value", "title"),
        Arguments.of("{\"scheduled_start\":\"tomorrow\"}", 400, "invalid-type", "scheduled_start"),
        Arguments.of("{\"scheduled_start\":\"2030-01-31T15:00:00\"}", 400, "invalid-type", "scheduled_start"),
        Arguments.of("{\"scheduled_start\":\"" + past + "\"}", 422, "invalid-value", "scheduled_start"),
        Arguments.of("{\"scheduled_start\":\"" + far + "\"}", 422, "invalid-value", "scheduled_start"),
        Arguments.of("{\"duration_minutes\":0}", 422, "invalid-value", "duration_minutes"),
        Arguments.of("{\"duration_minutes\":1441}", 422, "invalid-value", "duration_minutes"),
        Arguments.of("{\"duration_minutes\":\"30\"}", 400, "invalid-type", "duration_minutes"),
        Arguments.of("{\"duration_minutes\":1.5}", 400, "invalid-type", "duration_minutes"),
        Arguments.of("{\"waiting_room\":\"yes\"}", 400, "invalid-type", "waiting_room"),
        Arguments.of("{\"mute_on_entry\":1}", 400, "invalid-type", "mute_on_entry"));
  }

  @ParameterizedTest(name = "{0} -> {1} {2}")
  @MethodSource("badBodies")
  void badBodiesAreProblemsAndWriteNothing(String body, int status, String type, String field) throws Exception {
    long before = count("SELECT count(*) FROM meetings");
    RestClient.Response r = webCreate(body);
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(r.json().getString("type")).isEqualTo(Problems.TYPE_PREFIX + type);
    assertThat(r.json().getString("field")).isEqualTo(field);
    assertThat(r.json().getString("instance")).isEqualTo("/web/meetings");
    assertThat(count("SELECT count(*) FROM meetings")).isEqualTo(before);
  }

  @Test
  void onlyJsonBodiesAreAccepted() throws Exception {
    long before = count("SELECT count(*) FROM meetings");
    // what a cross-site form could send without a CORS preflight, the first a body that happens to be JSON
    String[][] refused = {{"text/plain", "{\"title\":\"x=\"}"}, {"application/x-www-form-urlencoded", "title=x"},
        {"multipart/form-data; boundary=b", "--b--"}, {null, "{}"}};
    for (String[] c : refused) {
      RestClient.Response r = webCreateWith(c[0], c[1]);
      assertThat(r.status()).as(c[0]).isEqualTo(415);
      assertThat(r.json().getString("type")).isEqualTo(Problems.TYPE_PREFIX + "unsupported-media-type");
    }
    assertThat(count("SELECT count(*) FROM meetings")).isEqualTo(before);
    assertThat(webCreateWith("application/json; charset=utf-8", "{}").status()).isEqualTo(201);
  }

  static RestClient.Response webCreateWith(String contentType, String body) throws Exception {
    java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(URI.create(node.baseUrl() + "/web/meetings"))
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    var r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
        .send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    return new RestClient.Response(r.statusCode(), r.body(), r.headers());
  }

  @Test
  void theHostKeyMakesTheHostAndAGuestWithoutItWaits() throws Exception {
    JsonObject m = created("{\"title\":\"Waiting room\",\"waiting_room\":true}");
    RestClient.Response host = join(m, new JsonObject().put("display_name", "Hana")
        .put("host_key", m.getString("host_key")));
    assertThat(host.status()).as(host.body()).isEqualTo(200);
    assertThat(host.json().getString("role")).isEqualTo("host");
    assertThat(firstFrameAfterJoin(host.json())).isEqualTo("joined");

    RestClient.Response guest = join(m, new JsonObject().put("display_name", "Gil"));
    assertThat(guest.status()).as(guest.body()).isEqualTo(200);
    assertThat(guest.json().getString("role")).isEqualTo("participant");
    assertThat(firstFrameAfterJoin(guest.json())).isEqualTo("waiting");
  }

  @Test
  void aWrongHostKeyIsRefusedNeverDowngraded() throws Exception {
    JsonObject m = created("{\"title\":\"Keys\"}");
    JsonObject other = created("{\"title\":\"Other\"}");
    for (String wrong : new String[] {other.getString("host_key"), "", "x".repeat(43),
        m.getString("host_key").substring(1)}) {
      RestClient.Response r = join(m, new JsonObject().put("display_name", "Mallory").put("host_key", wrong));
      assertThat(r.status()).as(r.body()).isEqualTo(403);
      assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
      assertThat(r.json().getString("type")).isEqualTo(Problems.TYPE_PREFIX + "invalid-host-key");
      assertThat(r.body()).doesNotContain("session_token");
    }
    RestClient.Response typed = join(m, new JsonObject().put("display_name", "Mallory").put("host_key", 42));
    assertThat(typed.status()).isEqualTo(400);
    assertThat(typed.json().getString("field")).isEqualTo("host_key");
  }

  @Test
  void aMeetingCreatedThroughTheApiHasNoHostKey() throws Exception {
    RestClient.Response api = rest.authed(token, "POST", "/api/v1/meetings", "{\"title\":\"API\"}");
    assertThat(api.status()).isEqualTo(201);
    RestClient.Response r = join(api.json(), new JsonObject().put("display_name", "Eve")
        .put("host_key", created("{}").getString("host_key")));
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.json().getString("type")).isEqualTo(Problems.TYPE_PREFIX + "invalid-host-key");
  }

  /** Opens the signaling WebSocket with the join response's token, sends join, answers the first frame's type. */
  static String firstFrameAfterJoin(JsonObject joinResponse) throws Exception {
    String url = joinResponse.getJsonObject("media_server").getString("url") + "?token="
        + joinResponse.getString("session_token");
    try (io.confero.signaling.WsClient ws = io.confero.signaling.WsClient.connect(url)) {
      ws.send("{\"type\":\"join\",\"v\":1}");
      JsonObject first = ws.received.poll(60, TimeUnit.SECONDS);
      assertThat(first).as("a frame after join").isNotNull();
      return first.getString("type");
    }
  }
}
