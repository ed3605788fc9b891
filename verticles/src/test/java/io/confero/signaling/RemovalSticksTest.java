package io.confero.signaling;

import static io.confero.signaling.HostControlsTest.msg;
import static org.assertj.core.api.Assertions.assertThat;

import io.confero.api.RestClient;
import io.confero.app.TestNode;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A removal takes effect at once and for good: a removed guest whose client ignores the close frame
 * and keeps sending is no longer heard, and the same browser cannot come back through the link.
 */
class RemovalSticksTest {
  static TestNode node;
  static Seats seats;

  @BeforeAll
  static void start() throws Exception {
    node = Seats.node(Files.createTempDirectory("confero-removal"));
    seats = new Seats(node);
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  @Test
  void aRemovedClientIgnoringTheCloseIsNotHeard() throws Exception {
    JsonObject m = seats.meeting(null);
    Seats.Seat host = seats.host(m, "Hannah Host");
    Seats.Seat victim = seats.guest(m, "Mallory");
    Seats.Seat other = seats.guest(m, "Olive");
    try (WsPeer h = WsPeer.joined(seats.vertx(), seats.port(), host.token(), "joined");
        WsPeer o = WsPeer.joined(seats.vertx(), seats.port(), other.token(), "joined");
        WsClient bad = WsClient.connect("ws://127.0.0.1:" + seats.port() + "/ws?token=" + victim.token(), false)) {
      bad.send(msg("join", "v", 1).encode());
      bad.next("joined");
      h.send(msg("remove_participant", "participant_id", victim.participantId()));
      bad.next("removed");
      for (int i = 0; i < 20; i++) {
        bad.sendQuietly(msg("chat", "text", "still here " + i).encode());
      }
      h.send(msg("chat", "text", "after the removal"));
      o.await("chat", c -> "after the removal".equals(c.getJsonObject("message").getString("text")));
      o.sync();
      assertThat(o.received).filteredOn(x -> "chat".equals(x.getString("type")))
          .extracting(x -> x.getJsonObject("message").getString("text")).containsExactly("after the removal");
    }
    Seats.Seat late = seats.guest(m, "Late Larry");
    try (WsPeer l = WsPeer.joined(seats.vertx(), seats.port(), late.token(), "joined")) {
      assertThat(l.await("joined").getJsonArray("chat").stream().map(x -> ((JsonObject) x).getString("text")))
          .containsExactly("after the removal");
    }
  }

  @Test
  void aRemovedGuestCannotRejoinFromTheSameBrowser() throws Exception {
    JsonObject m = seats.meeting(null);
    Seats.Seat host = seats.host(m, "Hannah Host");
    String body = new JsonObject().put("display_name", "Mallory").encode();
    RestClient.Response first = seats.rest.send("POST", "/j/" + m.getString("join_code") + "/join", body);
    assertThat(first.status()).isEqualTo(200);
    String cookie = first.header("set-cookie").split(";")[0];
    assertThat(cookie).startsWith("confero_browser=");
    String victim = first.json().getString("participant_id");
    try (WsPeer h = WsPeer.joined(seats.vertx(), seats.port(), host.token(), "joined");
        WsPeer v = WsPeer.joined(seats.vertx(), seats.port(), first.json().getString("session_token"), "joined")) {
      h.send(msg("remove_participant", "participant_id", victim));
      v.await("removed");
      v.awaitClosed();
    }
    RestClient.Response again = seats.rest.send("POST", "/j/" + m.getString("join_code") + "/join",
        new JsonObject().put("display_name", "Mallory 2").encode(), "Cookie", cookie);
    assertThat(again.status()).as(again.body()).isEqualTo(403);
    assertThat(again.json().getString("type")).endsWith("/participant-removed");
    assertThat(seats.guestJoin(m, "Someone else").status()).as("another browser still gets in").isEqualTo(200);
  }
}
