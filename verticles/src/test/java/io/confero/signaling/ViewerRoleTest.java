package io.confero.signaling;

import static io.confero.signaling.HostControlsTest.msg;
import static org.assertj.core.api.Assertions.assertThat;

import io.confero.app.TestNode;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The {@code viewer} role is enforced by the server: a viewer neither publishes nor chats, until a host promotes them. */
class ViewerRoleTest {
  static TestNode node;
  static Seats seats;

  @BeforeAll
  static void start() throws Exception {
    node = Seats.node(Files.createTempDirectory("confero-viewer"));
    seats = new Seats(node);
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  @Test
  void viewersNeitherPublishNorChat() throws Exception {
    JsonObject m = seats.meeting(null);
    Seats.Seat host = seats.host(m, "Hannah Host");
    var r = seats.apiJoin(m, "Vic Viewer", "viewer");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    String viewerId = r.json().getString("participant_id");
    try (WsPeer h = WsPeer.joined(seats.vertx(), seats.port(), host.token(), "joined");
        WsPeer v = WsPeer.joined(seats.vertx(), seats.port(), r.json().getString("session_token"), "joined")) {
      String pub = v.send(msg("publish", "sdp", "v=0\r\n", "sources", new JsonObject()));
      assertThat(v.awaitError(pub).getString("code")).isEqualTo("view-only");
      String chat = v.send(msg("chat", "text", "hello from a viewer"));
      assertThat(v.awaitError(chat).getString("code")).isEqualTo("view-only");
      h.send(msg("chat", "text", "host speaking"));
      v.await("chat", c -> "host speaking".equals(c.getJsonObject("message").getString("text")));
      assertThat(h.received).filteredOn(x -> "chat".equals(x.getString("type")))
          .extracting(x -> x.getJsonObject("message").getString("text")).containsExactly("host speaking");

      h.send(msg("set_role", "participant_id", viewerId, "role", "participant"));
      v.await("participant_updated", u -> viewerId.equals(u.getJsonObject("participant").getString("participant_id"))
          && "participant".equals(u.getJsonObject("participant").getString("role")));
      v.send(msg("chat", "text", "promoted"));
      h.await("chat", c -> "promoted".equals(c.getJsonObject("message").getString("text")));
    }
  }
}
