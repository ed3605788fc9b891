package io.confero.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.app.TestNode;
import io.confero.meeting.TenantId;
import io.confero.store.ApiKeyRepository;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** REST flows against the real verticles, the real embedded PostgreSQL and a real Hazelcast member. */
class MeetingsApiTest {
  static TestNode node;
  static RestClient rest;
  static String token;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start();
    rest = new RestClient(node.baseUrl());
    token = rest.token();
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  static JsonObject create(String body) throws Exception {
    RestClient.Response r = rest.authed(token, "POST", "/api/v1/meetings", body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  @Test
  void tokenEndpointReturnsBearerToken() throws Exception {
    String basic = java.util.Base64.getEncoder().encodeToString((TestNode.API_KEY + ":" + TestNode.API_SECRET).getBytes());
    RestClient.Response r = rest.send("POST", "/api/v1/tokens", null, "Authorization", "Basic " + basic);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().getString("token_type")).isEqualTo("Bearer");
    assertThat(r.json().getInteger("expires_in")).isEqualTo(3600);
    assertThat(r.json().getString("access_token")).contains(".");
  }

  @Test
  void createReturnsMeetingWithLocationAndJoinUrl() throws Exception {
    RestClient.Response r = rest.authed(token, "POST", "/api/v1/meetings",
        "{\"title\":\"Weekly sync\",\"type\":\"instant\",\"settings\":{\"max_participants\":10,\"waiting_room\":true,"
            + "\"mute_on_entry\":true,\"allow_recording\":false,\"e2ee_enabled\":true}}");
    assertThat(r.status()).isEqualTo(201);
    JsonObject m = r.json();
    assertThat(r.header("Location")).isEqualTo("/api/v1/meetings/" + m.getString("meeting_id"));
    assertThat(m.getString("title")).isEqualTo("Weekly sync");
    assertThat(m.getString("status")).isEqualTo("scheduled");
    assertThat(m.getString("join_url")).matches("http://127.0.0.1:\\d+/j/[a-z]{3}-[a-z]{4}-[a-z]{3}");
    assertThat(m.getJsonObject("settings")).isEqualTo(new JsonObject().put("max_participants", 10)
        .put("waiting_room", true).put("mute_on_entry", true).put("allow_recording", false).put("e2ee_enabled", true)
        .put("webinar", false).put("attendee_chat", true).put("video_codec", "vp8"));
    RestClient.Response got = rest.authed(token, "GET", r.header("Location"), null);
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.json()).isEqualTo(m);
  }

  @Test
  void scheduledMeetingKeepsItsStartTime() throws Exception {
    Instant start = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    JsonObject m = create("{\"title\":\"Board\",\"type\":\"scheduled\",\"start_time\":\"" + start + "\",\"duration_minutes\":90}");
    assertThat(Instant.parse(m.getString("start_time"))).isEqualTo(start);
    assertThat(m.getInteger("duration_minutes")).isEqualTo(90);
    assertThat(m.getString("type")).isEqualTo("scheduled");
  }

  @Test
  void listPagesWithCursorAndFilters() throws Exception {
    Instant base = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    Set<String> created = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      created.add(create("{\"type\":\"scheduled\",\"title\":\"page " + i + "\",\"start_time\":\""
          + base.plus(i, ChronoUnit.HOURS) + "\"}").getString("meeting_id"));
    }
    String from = base.toString();
    String to = base.plus(5, ChronoUnit.HOURS).toString();
    Set<String> seen = new HashSet<>();
    String cursor = null;
    int pages = 0;
    do {
      String q = "/api/v1/meetings?limit=2&status=scheduled&from=" + from + "&to=" + to
          + (cursor == null ? "" : "&cursor=" + cursor);
      RestClient.Response r = rest.authed(token, "GET", q, null);
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      JsonArray data = r.json().getJsonArray("data");
      assertThat(data.size()).isLessThanOrEqualTo(2);
      data.forEach(o -> seen.add(((JsonObject) o).getString("meeting_id")));
      cursor = r.json().getString("next_cursor");
      pages++;
    } while (cursor != null);
    assertThat(seen).isEqualTo(created);
    assertThat(pages).isEqualTo(3);
  }

  @Test
  void patchChangesOnlyGivenFields() throws Exception {
    JsonObject m = create("{\"title\":\"Old\"}");
    String path = "/api/v1/meetings/" + m.getString("meeting_id");
    RestClient.Response r = rest.authed(token, "PATCH", path, "{\"title\":\"New\",\"settings\":{\"waiting_room\":true}}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().getString("title")).isEqualTo("New");
    assertThat(r.json().getJsonObject("settings").getBoolean("waiting_room")).isTrue();
    assertThat(r.json().getJsonObject("settings").getInteger("max_participants")).isEqualTo(100);
    assertThat(rest.authed(token, "GET", path, null).json().getString("title")).isEqualTo("New");
  }

  @Test
  void videoCodecIsAMeetingSettingKeptAcrossPatches() throws Exception {
    JsonObject m = create("{\"settings\":{\"video_codec\":\"h264\"}}");
    assertThat(m.getJsonObject("settings").getString("video_codec")).isEqualTo("h264");
    String path = "/api/v1/meetings/" + m.getString("meeting_id");
    RestClient.Response r = rest.authed(token, "PATCH", path, "{\"settings\":{\"waiting_room\":true}}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(rest.authed(token, "GET", path, null).json().getJsonObject("settings").getString("video_codec"))
        .isEqualTo("h264");
    r = rest.authed(token, "PATCH", path, "{\"settings\":{\"video_codec\":\"vp8\"}}");
    assertThat(r.json().getJsonObject("settings").getString("video_codec")).isEqualTo("vp8");
  }

  @Test
  void endThenJoinIsRefusedAndDeleteRemoves() throws Exception {
    JsonObject m = create("{}");
    String path = "/api/v1/meetings/" + m.getString("meeting_id");
    RestClient.Response ended = rest.authed(token, "POST", path + "/end", null);
    assertThat(ended.status()).isEqualTo(200);
    assertThat(ended.json().getString("status")).isEqualTo("ended");
    assertThat(ended.json().getString("ended_at")).isNotNull();
    RestClient.Response join = rest.authed(token, "POST", path + "/join", "{\"display_name\":\"Late\"}");
    assertThat(join.status()).isEqualTo(409);
    assertThat(join.json().getString("type")).endsWith("/meeting-ended");
    assertThat(rest.authed(token, "POST", path + "/end", null).status()).isEqualTo(409);
    assertThat(rest.authed(token, "DELETE", path, null).status()).isEqualTo(204);
    assertThat(rest.authed(token, "GET", path, null).status()).isEqualTo(404);
  }

  @Test
  void integratorJoinReturnsSessionTokenAndMediaServer() throws Exception {
    JsonObject m = create("{}");
    RestClient.Response r = rest.authed(token, "POST", "/api/v1/meetings/" + m.getString("meeting_id") + "/join",
        "{\"display_name\":\"Ada\",\"role\":\"host\",\"user_id\":\"u-1\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonObject j = r.json();
    assertThat(j.getString("participant_id")).hasSize(36);
    assertThat(j.getString("role")).isEqualTo("host");
    assertThat(j.getString("session_token").split("\\.")).hasSize(3);
    JsonObject media = j.getJsonObject("media_server");
    assertThat(media.getString("url")).startsWith("ws://").endsWith("/ws");
    assertThat(media.getString("region")).isEqualTo("local");
    assertThat(media.getJsonArray("ice_servers")).isNotNull();
    // a session token is not an integrator token
    RestClient.Response wrong = rest.authed(j.getString("session_token"), "GET", "/api/v1/meetings", null);
    assertThat(wrong.status()).isEqualTo(403);
  }

  @Test
  void guestJoinsThroughTheLinkAndGetsTheWebClient() throws Exception {
    JsonObject m = create("{\"settings\":{\"max_participants\":2}}");
    String code = m.getString("join_code");
    RestClient.Response page = rest.send("GET", "/j/" + code, null);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    assertThat(rest.send("GET", "/j/zzz-zzzz-zzz", null).status()).isEqualTo(404);
    RestClient.Response a = rest.send("POST", "/j/" + code + "/join", "{\"display_name\":\"Guest A\"}");
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    assertThat(a.json().getString("role")).isEqualTo("participant");
    assertThat(rest.send("POST", "/j/" + code + "/join", "{\"display_name\":\"Guest B\"}").status()).isEqualTo(200);
    RestClient.Response full = rest.send("POST", "/j/" + code + "/join", "{\"display_name\":\"Guest C\"}");
    assertThat(full.status()).isEqualTo(409);
    assertThat(full.json().getString("type")).endsWith("/meeting-full");
  }

  @Test
  void otherTenantsCannotSeeMeetings() throws Exception {
    ApiKeyRepository keys = new ApiKeyRepository(node.node().pool(), new SecureRandom());
    ApiKeyRepository.CreatedKey other = keys.create(new TenantId("other-co")).toCompletionStage()
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    String otherToken = rest.token(other.keyId(), other.secret());
    JsonObject mine = create("{\"title\":\"private\"}");
    String path = "/api/v1/meetings/" + mine.getString("meeting_id");
    assertThat(rest.authed(otherToken, "GET", path, null).status()).isEqualTo(404);
    assertThat(rest.authed(otherToken, "PATCH", path, "{\"title\":\"x\"}").status()).isEqualTo(404);
    assertThat(rest.authed(otherToken, "POST", path + "/end", null).status()).isEqualTo(404);
    assertThat(rest.authed(otherToken, "DELETE", path, null).status()).isEqualTo(404);
    assertThat(rest.authed(otherToken, "GET", "/api/v1/meetings", null).json().getJsonArray("data")).isEmpty();
    assertThat(rest.authed(token, "GET", path, null).status()).isEqualTo(200);
  }

  @Test
  void operationsEndpoints() throws Exception {
    assertThat(rest.send("GET", "/health", null).json().getString("status")).isEqualTo("UP");
    RestClient.Response ready = rest.send("GET", "/readiness", null);
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.json().getString("outcome")).isEqualTo("UP");
    rest.authed(token, "GET", "/api/v1/meetings", null);
    String metrics = rest.send("GET", "/metrics", null).body();
    assertThat(metrics).contains("vertx_http_server_requests_total").contains("vertx_http_server_response_time_seconds");
  }
}
