package io.confero.signaling;

import static io.confero.signaling.HostControlsTest.msg;
import static org.assertj.core.api.Assertions.assertThat;

import io.confero.app.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Chat, reactions, raised hands and the waiting room over the raw WebSocket. */
class ChatAndPresenceTest {
  static TestNode node;
  static Seats seats;

  @BeforeAll
  static void start() throws Exception {
    node = Seats.node(java.nio.file.Files.createTempDirectory("confero-signaling"));
    seats = new Seats(node);
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  @Test
  void chatGoesBothWaysAndReconnectingClientsGetHistory() throws Exception {
    JsonObject m = seats.meeting(null);
    Seats.Seat h = seats.host(m, "Hannah Host");
    Seats.Seat g = seats.guest(m, "Gus Guest");
    try (WsPeer host = WsPeer.joined(seats.vertx(), seats.port(), h.token(), "joined");
         WsPeer guest = WsPeer.joined(seats.vertx(), seats.port(), g.token(), "joined")) {
      host.send(msg("chat", "text", "Welcome <b>all</b>"));
      JsonObject got = guest.await("chat").getJsonObject("message");
      assertThat(got.getString("text")).isEqualTo("Welcome <b>all</b>");
      assertThat(got.getString("display_name")).isEqualTo("Hannah Host");
      assertThat(got.getString("participant_id")).isEqualTo(h.participantId());
      assertThat(Instant.parse(got.getString("sent_at"))).isNotNull();
      guest.send(msg("chat", "text", "Thanks ✓"));
      host.await("chat", c -> c.getJsonObject("message").getString("text").equals("Thanks ✓"));
    }
    try (WsPeer again = WsPeer.joined(seats.vertx(), seats.port(), g.token(), "joined")) {
      JsonArray history = again.await("joined").getJsonArray("chat");
      assertThat(history).hasSize(2);
      assertThat(history.getJsonObject(0).getString("text")).isEqualTo("Welcome <b>all</b>");
      assertThat(history.getJsonObject(1).getString("display_name")).isEqualTo("Gus Guest");
    }
  }

  @Test
  void chatOverFourKilobytesIsTooLarge() throws Exception {
    JsonObject m = seats.meeting(null);
    Seats.Seat h = seats.host(m, "Hannah Host");
    try (WsPeer host = WsPeer.joined(seats.vertx(), seats.port(), h.token(), "joined")) {
      String ref = host.send(msg("chat", "text", "é".repeat(2049)));
      assertThat(host.awaitError(ref).getString("code")).isEqualTo("too-large");
      host.send(msg("chat", "text", "x".repeat(4096)));
      assertThat(host.await("chat").getJsonObject("message").getString("text")).hasSize(4096);
      assertThat(host.awaitError(host.send(msg("chat", "text", " "))).getString("code")).isEqualTo("bad-message");
      assertThat(host.closeStatus.get()).isEqualTo(-1);
    }
  }

  @Test
  void reactionsAndRaisedHandsReachTheOtherSide() throws Exception {
    JsonObject m = seats.meeting(null);
    Seats.Seat h = seats.host(m, "Hannah Host");
    Seats.Seat g = seats.guest(m, "Gus Guest");
    try (WsPeer host = WsPeer.joined(seats.vertx(), seats.port(), h.token(), "joined");
         WsPeer guest = WsPeer.joined(seats.vertx(), seats.port(), g.token(), "joined")) {
      guest.send(msg("reaction", "emoji", "👏"));
      JsonObject r = host.await("reaction");
      assertThat(r.getString("emoji")).isEqualTo("👏");
      assertThat(r.getString("participant_id")).isEqualTo(g.participantId());
      guest.send(msg("raise_hand", "raised", true));
      JsonObject up = host.await("participant_updated", u -> u.getJsonObject("participant").getValue("hand_raised_at")
          != null).getJsonObject("participant");
      assertThat(up.getString("participant_id")).isEqualTo(g.participantId());
      host.send(msg("lower_hand", "participant_id", g.participantId()));
      guest.await("participant_updated", u -> u.getJsonObject("participant").getString("participant_id")
          .equals(g.participantId()) && u.getJsonObject("participant").getValue("hand_raised_at") == null);
      assertThat(seats.live(m).participants().values()).allMatch(p -> p.handRaisedAt() == 0);
    }
  }

  @Test
  void waitingRoomHoldsGuestsUntilAHostAdmitsOrDenies() throws Exception {
    JsonObject m = seats.meeting("{\"waiting_room\":true}");
    Seats.Seat h = seats.host(m, "Hannah Host");
    Seats.Seat a = seats.guest(m, "Ann");
    Seats.Seat b = seats.guest(m, "Bob");
    Seats.Seat c = seats.guest(m, "Cy");
    try (WsPeer host = WsPeer.joined(seats.vertx(), seats.port(), h.token(), "joined");
         WsPeer ann = WsPeer.joined(seats.vertx(), seats.port(), a.token(), "waiting");
         WsPeer bob = WsPeer.joined(seats.vertx(), seats.port(), b.token(), "waiting")) {
      host.await("knock", k -> k.getJsonObject("participant").getString("display_name").equals("Ann"));
      host.await("knock", k -> k.getJsonObject("participant").getString("display_name").equals("Bob"));
      assertThat(ann.awaitError(ann.send(msg("chat", "text", "let me in"))).getString("code")).isEqualTo("not-joined");
      assertThat(ann.awaitError(ann.send(msg("admit", "participant_id", a.participantId()))).getString("code"))
          .isEqualTo("not-joined");
      host.send(msg("admit", "participant_id", a.participantId()));
      ann.await("joined");
      host.await("participant_joined");
      host.send(msg("deny", "participant_id", b.participantId()));
      bob.await("denied");
      bob.awaitClosed();
      host.await("knock_resolved", k -> k.getString("outcome").equals("denied"));
      try (WsPeer cy = WsPeer.joined(seats.vertx(), seats.port(), c.token(), "waiting")) {
        host.await("knock", k -> k.getJsonObject("participant").getString("display_name").equals("Cy"));
        host.send(msg("admit_all"));
        cy.await("joined");
      }
    }
  }
}
