package io.confero.signaling;

import static io.confero.signaling.HostControlsTest.msg;
import static org.assertj.core.api.Assertions.assertThat;

import io.confero.api.RestClient;
import io.confero.app.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A meeting survives the restart of its only node: the participants' session tokens join again,
 * the lock and the removal still hold, the roles are as the host left them.
 */
class LiveStateRestartTest {
  @Test
  void aLiveMeetingComesBackAfterTheNodeRestarts() throws Exception {
    Path dir = Files.createTempDirectory("confero-live-restart");
    Map<String, String> cfg = Map.of("CONFERO_CLUSTER_NAME", "live-restart-" + java.util.UUID.randomUUID());
    Vertx client = Vertx.vertx();
    try {
      JsonObject m;
      Seats.Seat host;
      Seats.Seat ann;
      Seats.Seat bob;
      Seats.Seat vic;
      try (TestNode first = TestNode.start(dir, cfg)) {
        Seats seats = new Seats(first);
        m = seats.meeting(null);
        host = seats.host(m, "Hannah Host");
        ann = seats.guest(m, "Ann");
        bob = seats.guest(m, "Bob");
        var viewer = seats.apiJoin(m, "Vic Viewer", "viewer");
        vic = new Seats.Seat(viewer.json().getString("session_token"), viewer.json().getString("participant_id"));
        WsPeer h = WsPeer.joined(client, seats.port(), host.token(), "joined");
        WsPeer a = WsPeer.joined(client, seats.port(), ann.token(), "joined");
        WsPeer b = WsPeer.joined(client, seats.port(), bob.token(), "joined");
        h.send(msg("set_role", "participant_id", ann.participantId(), "role", "cohost"));
        a.await("participant_updated", u -> "cohost".equals(u.getJsonObject("participant").getString("role")));
        h.send(msg("remove_participant", "participant_id", bob.participantId()));
        b.await("removed");
        WsPeer v = WsPeer.joined(client, seats.port(), vic.token(), "joined");
        h.send(msg("set_role", "participant_id", vic.participantId(), "role", "participant"));
        v.await("participant_updated", u -> "participant".equals(u.getJsonObject("participant").getString("role")));
        h.send(msg("set_role", "participant_id", ann.participantId(), "role", "viewer"));
        a.await("participant_updated", u -> "viewer".equals(u.getJsonObject("participant").getString("role")));
        h.send(msg("set_role", "participant_id", ann.participantId(), "role", "cohost"));
        h.send(msg("lock", "locked", true));
        h.await("meeting_updated", u -> Boolean.TRUE.equals(u.getBoolean("locked")));
        h.sync();
      }
      try (TestNode second = TestNode.start(dir, cfg)) {
        Seats seats = new Seats(second);
        try (WsPeer h = WsPeer.joined(client, seats.port(), host.token(), "joined");
            WsPeer a = WsPeer.joined(client, seats.port(), ann.token(), "joined")) {
          JsonObject joined = a.await("joined");
          assertThat(joined.getJsonObject("self").getString("role")).isEqualTo("cohost");
          assertThat(joined.getJsonObject("meeting").getBoolean("locked")).isTrue();
          try (WsPeer v = WsPeer.joined(client, seats.port(), vic.token(), "joined")) {
            assertThat(v.await("joined").getJsonObject("self").getString("role")).as("a promoted viewer stays promoted")
                .isEqualTo("participant");
          }
          WsPeer b = WsPeer.connect(client, seats.port(), bob.token());
          b.send(new JsonObject().put("type", "join").put("v", 1));
          assertThat(b.await("error").getString("code")).isEqualTo("removed");
          b.awaitClosed();
          RestClient.Response late = seats.guestJoin(m, "Late Larry");
          assertThat(late.status()).as(late.body()).isEqualTo(403);
          assertThat(late.json().getString("type")).endsWith("/meeting-locked");
        }
      }
    } finally {
      client.close();
    }
  }
}
