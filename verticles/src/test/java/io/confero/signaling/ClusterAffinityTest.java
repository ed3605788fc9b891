package io.confero.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.api.RestClient;
import io.confero.app.TestNode;
import com.hazelcast.core.HazelcastInstance;
import io.confero.meeting.HazelcastMeetingHomes;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.time.Duration;
import org.awaitility.Awaitility;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Meeting-to-node affinity on a real two-node cluster in one JVM: two {@link TestNode}s forming one
 * Hazelcast cluster over loopback TCP, sharing node A's embedded PostgreSQL. A meeting first joined
 * on A lives on A: a join answered by B names A's signaling URL, and a socket opened on B is sent
 * to A with {@code wrong-node}.
 */
class ClusterAffinityTest {
  static TestNode a;
  static TestNode b;
  static Seats seatsA;
  static Seats seatsB;

  @BeforeAll
  static void startCluster() throws Exception {
    String cluster = "affinity-test-" + UUID.randomUUID();
    int dbPort = TestNode.freePort();
    int hzA = TestNode.freePort();
    int hzB = TestNode.freePort();
    java.nio.file.Path dirA = Files.createTempDirectory("confero-affinity-a");
    a = TestNode.start(dirA, Map.of(
        "CONFERO_CLUSTER_NAME", cluster,
        "CONFERO_CLUSTER_PORT", Integer.toString(hzA),
        "CONFERO_DATABASE_EMBEDDED_PORT", Integer.toString(dbPort)));
    b = TestNode.start(Files.createTempDirectory("confero-affinity-b"), Map.of(
        "CONFERO_CLUSTER_NAME", cluster,
        "CONFERO_CLUSTER_PORT", Integer.toString(hzB),
        "CONFERO_CLUSTER_MEMBERS", "127.0.0.1:" + hzA,
        "CONFERO_DATABASE_MODE", "external",
        "CONFERO_DATABASE_HOST", "127.0.0.1",
        "CONFERO_DATABASE_PORT", Integer.toString(dbPort),
        "CONFERO_DATABASE_NAME", "postgres",
        "CONFERO_DATABASE_USER", "postgres",
        // the embedded server's generated password, kept with its data
        "CONFERO_DATABASE_PASSWORD", Files.readString(dirA.resolve("postgres").resolve("confero-password")).strip()));
    seatsA = new Seats(a);
    seatsB = new Seats(b);
  }

  @AfterAll
  static void stop() throws Exception {
    if (b != null) {
      b.close();
    }
    if (a != null) {
      a.close();
    }
  }

  static String signalingUrl(TestNode n) {
    return n.node().config().signaling().publicUrl();
  }

  static String mediaUrl(RestClient.Response r) {
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().getJsonObject("media_server").getString("url");
  }

  @Test
  void theNodesHaveTheirOwnSignalingUrls() {
    assertThat(signalingUrl(a)).isNotEqualTo(signalingUrl(b));
  }

  @Test
  void aJoinAnsweredByTheOtherNodeNamesTheHome() throws Exception {
    JsonObject meeting = seatsA.meeting(null);
    assertThat(mediaUrl(seatsA.apiJoin(meeting, "Ada", "host"))).isEqualTo(signalingUrl(a));
    assertThat(mediaUrl(seatsB.apiJoin(meeting, "Bob", "participant"))).isEqualTo(signalingUrl(a));
    assertThat(mediaUrl(seatsB.guestJoin(meeting, "Cy"))).isEqualTo(signalingUrl(a));
  }

  @Test
  void theFirstJoinOnBMakesBTheHome() throws Exception {
    JsonObject meeting = seatsA.meeting(null);
    assertThat(mediaUrl(seatsB.apiJoin(meeting, "Bea", "host"))).isEqualTo(signalingUrl(b));
    assertThat(mediaUrl(seatsA.apiJoin(meeting, "Al", "participant"))).isEqualTo(signalingUrl(b));
  }

  @Test
  void endingTheMeetingForgetsItsHome() throws Exception {
    JsonObject meeting = seatsA.meeting(null);
    String id = meeting.getString("meeting_id");
    seatsB.apiJoin(meeting, "Bea", "host");
    com.hazelcast.map.IMap<String, String> homes = hazelcast(a).getMap(HazelcastMeetingHomes.HOMES_MAP);
    assertThat(homes.get(id)).isEqualTo(clusterManager(b).getNodeId());
    RestClient.Response end = seatsA.rest.authed(seatsA.rest.token(), "POST", "/api/v1/meetings/" + id + "/end", null);
    assertThat(end.status()).as(end.body()).isEqualTo(200);
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !homes.containsKey(id));
  }

  @Test
  void everyNodePublishesItsSignalingUrl() {
    com.hazelcast.map.IMap<String, String> nodes = hazelcast(a).getMap(HazelcastMeetingHomes.NODES_MAP);
    assertThat(nodes.values()).containsExactlyInAnyOrder(signalingUrl(a), signalingUrl(b));
  }

  /** The Vert.x cluster manager: its node id (a member attribute, not the Hazelcast member UUID) names homes. */
  static HazelcastClusterManager clusterManager(TestNode n) {
    return (HazelcastClusterManager) ((VertxInternal) n.node().vertx()).clusterManager();
  }

  static HazelcastInstance hazelcast(TestNode n) {
    return clusterManager(n).getHazelcastInstance();
  }

  @Test
  void aSocketOnTheWrongNodeIsSentToTheHome() throws Exception {
    JsonObject meeting = seatsA.meeting(null);
    Seats.Seat host = seatsA.host(meeting, "Ada");
    Seats.Seat guest = seatsB.host(meeting, "Bob");
    String wrongUrl = signalingUrl(b) + "?token=" + guest.token();
    try (WsClient ws = WsClient.connect(wrongUrl)) {
      JsonObject error = ws.next("error");
      assertThat(error.getString("code")).isEqualTo("wrong-node");
      assertThat(error.getString("url")).isEqualTo(signalingUrl(a));
      assertThat(ws.awaitClose()).isEqualTo(4421);
    }
    try (WsClient ws = WsClient.connect(signalingUrl(a) + "?token=" + guest.token());
        WsClient hostWs = WsClient.connect(signalingUrl(a) + "?token=" + host.token())) {
      hostWs.send(new JsonObject().put("type", "join").put("v", 1));
      hostWs.next("joined");
      ws.send(new JsonObject().put("type", "join").put("v", 1));
      assertThat(ws.next("joined").getJsonObject("self").getString("participant_id")).isEqualTo(guest.participantId());
    }
  }
}
