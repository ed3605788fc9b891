package io.confero.signaling;

import static io.confero.signaling.HostControlsTest.msg;
import static org.assertj.core.api.Assertions.assertThat;

import io.confero.app.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Chat is durable: a participant joining after a server restart gets the earlier messages in {@code joined}. */
class ChatRestartTest {
  @Test
  void chatHistorySurvivesARestart() throws Exception {
    Path dir = Files.createTempDirectory("confero-chat-restart");
    JsonObject m;
    try (TestNode first = Seats.node(dir)) {
      Seats seats = new Seats(first);
      m = seats.meeting(null);
      Seats.Seat h = seats.host(m, "Hannah Host");
      try (WsPeer host = WsPeer.joined(seats.vertx(), seats.port(), h.token(), "joined")) {
        host.send(msg("chat", "text", "before the restart"));
        host.await("chat");
      }
    }
    try (TestNode second = Seats.node(dir)) {
      Seats seats = new Seats(second);
      Seats.Seat g = seats.guest(m, "Gus Guest");
      try (WsPeer guest = WsPeer.joined(seats.vertx(), seats.port(), g.token(), "joined")) {
        JsonArray history = guest.await("joined").getJsonArray("chat");
        assertThat(history).hasSize(1);
        assertThat(history.getJsonObject(0).getString("text")).isEqualTo("before the restart");
        assertThat(history.getJsonObject(0).getString("display_name")).isEqualTo("Hannah Host");
      }
    }
  }
}
