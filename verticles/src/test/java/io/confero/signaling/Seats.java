package io.confero.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.api.RestClient;
import io.confero.app.TestNode;
import io.confero.meeting.LiveMeeting;
import io.confero.meeting.MeetingKey;
import io.confero.meeting.HazelcastMeetingDirectory;
import io.vertx.core.json.JsonObject;

/** REST set-up for signaling tests: meetings, host seats (integrator API) and guest seats (join link). */
final class Seats {
  /** A seat: the session token and the participant id from the join response. */
  record Seat(String token, String participantId) {}

  private final TestNode node;
  final RestClient rest;
  private final String apiToken;

  /**
   * A test node in a Hazelcast cluster of its own: the default cluster name and TCP-IP join on
   * 127.0.0.1 would join other test JVMs on this machine, whose classpath may lack our mutations.
   */
  static TestNode node(java.nio.file.Path dir) throws Exception {
    return TestNode.start(dir, java.util.Map.of("CONFERO_CLUSTER_NAME", "signaling-test-" + java.util.UUID.randomUUID()));
  }

  Seats(TestNode node) throws Exception {
    this.node = node;
    this.rest = new RestClient(node.baseUrl());
    this.apiToken = rest.token();
  }

  JsonObject meeting(String settings) throws Exception {
    RestClient.Response r = rest.authed(apiToken, "POST", "/api/v1/meetings",
        "{\"title\":\"Signaling test\"" + (settings == null ? "" : ",\"settings\":" + settings) + "}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  Seat host(JsonObject meeting, String name) throws Exception {
    RestClient.Response r = apiJoin(meeting, name, "host");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return seat(r);
  }

  RestClient.Response apiJoin(JsonObject meeting, String name, String role) throws Exception {
    return rest.authed(apiToken, "POST", "/api/v1/meetings/" + meeting.getString("meeting_id") + "/join",
        new JsonObject().put("display_name", name).put("role", role).encode());
  }

  RestClient.Response userJoin(JsonObject meeting, String name, String userId) throws Exception {
    return rest.authed(apiToken, "POST", "/api/v1/meetings/" + meeting.getString("meeting_id") + "/join",
        new JsonObject().put("display_name", name).put("role", "participant").put("user_id", userId).encode());
  }

  RestClient.Response guestJoin(JsonObject meeting, String name) throws Exception {
    return rest.send("POST", "/j/" + meeting.getString("join_code") + "/join",
        new JsonObject().put("display_name", name).encode());
  }

  Seat guest(JsonObject meeting, String name) throws Exception {
    RestClient.Response r = guestJoin(meeting, name);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return seat(r);
  }

  JsonObject get(JsonObject meeting) throws Exception {
    return rest.authed(apiToken, "GET", "/api/v1/meetings/" + meeting.getString("meeting_id"), null).json();
  }

  /** The meeting's live state as the Hazelcast partition owner holds it. */
  LiveMeeting live(JsonObject meeting) {
    MeetingKey key = new MeetingKey(meeting.getString("meeting_id"));
    return com.hazelcast.core.Hazelcast.getAllHazelcastInstances().stream()
        .map(hz -> hz.<MeetingKey, LiveMeeting>getMap(HazelcastMeetingDirectory.MAP_NAME).get(key))
        .filter(java.util.Objects::nonNull).findFirst().orElseThrow();
  }

  int port() {
    return node.node().signalingPort();
  }

  io.vertx.core.Vertx vertx() {
    return node.node().vertx();
  }

  private static Seat seat(RestClient.Response r) {
    return new Seat(r.json().getString("session_token"), r.json().getString("participant_id"));
  }
}
