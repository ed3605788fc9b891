package io.confero.signaling;

import static io.confero.signaling.HostControlsTest.msg;
import static org.assertj.core.api.Assertions.assertThat;

import io.confero.app.TestNode;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Batched participant events over the raw WebSocket: with {@code signaling.batch_above} 2, a room
 * of up to two connections gets the single events, a larger one {@code participants_changed}
 * frames, each participant at most once a frame with its newest state. (How many frames a storm
 * saves depends on timing; GuestJoinBench measures it.)
 */
class ParticipantBatchingTest {
  static TestNode node;
  static Seats seats;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(Files.createTempDirectory("confero-batching"), Map.of("CONFERO_SIGNALING_BATCH_ABOVE", "2",
        "CONFERO_CLUSTER_NAME", "batching-" + java.util.UUID.randomUUID()));
    seats = new Seats(node);
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  @Test
  void aLargeRoomGetsItsJoinsMutesAndLeavesBatched() throws Exception {
    JsonObject m = seats.meeting(null);
    List<WsPeer> crowd = new ArrayList<>();
    try (WsPeer host = WsPeer.joined(seats.vertx(), seats.port(), seats.host(m, "Hannah").token(), "joined");
         WsPeer second = WsPeer.joined(seats.vertx(), seats.port(), seats.guest(m, "Second").token(), "joined")) {
      assertThat(host.await("participant_joined").getJsonObject("participant").getString("display_name"))
          .as("two connections: the single event").isEqualTo("Second");
      for (int i = 0; i < 10; i++) {
        crowd.add(WsPeer.joined(seats.vertx(), seats.port(), seats.guest(m, "Crowd " + i).token(), "joined"));
      }
      crowd.get(0).send(msg("mute", "kind", "audio", "muted", true));
      host.await("participants_changed", x -> joinedNames(host).size() == 10 && muted(host, "Crowd 0"));
      assertThat(host.count("participant_joined")).isEqualTo(1);
      assertThat(joinedNames(host)).doesNotHaveDuplicates();

      crowd.get(9).send(msg("leave"));
      host.await("participants_changed", x -> x.getJsonArray("left").stream().map(JsonObject.class::cast)
          .anyMatch(l -> "left".equals(l.getString("reason"))));
      assertThat(host.count("participant_left")).isZero();
    } finally {
      crowd.forEach(WsPeer::close);
    }
  }

  private static List<String> joinedNames(WsPeer peer) {
    List<String> names = new ArrayList<>();
    peer.received.stream().filter(x -> "participants_changed".equals(x.getString("type")))
        .forEach(x -> x.getJsonArray("joined").forEach(p -> names.add(((JsonObject) p).getString("display_name"))));
    return names;
  }

  private static boolean muted(WsPeer peer, String name) {
    return peer.received.stream().filter(x -> "participants_changed".equals(x.getString("type")))
        .flatMap(x -> java.util.stream.Stream.concat(x.getJsonArray("joined").stream(), x.getJsonArray("updated").stream()))
        .map(JsonObject.class::cast).anyMatch(p -> name.equals(p.getString("display_name")) && p.getBoolean("audio_muted"));
  }
}
