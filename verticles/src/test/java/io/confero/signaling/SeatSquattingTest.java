package io.confero.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.api.RestClient;
import io.confero.app.TestNode;
import io.confero.webhook.StepClock;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seats taken through the join link by someone who never opens the signaling socket cannot fill a
 * meeting: the host always gets in, and once the seats went unconfirmed for the confirm window
 * (30 s, stepped on the node's clock) real people get in too.
 */
class SeatSquattingTest {
  static final StepClock clock = new StepClock();
  static TestNode node;
  static Seats seats;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(Files.createTempDirectory("confero-squat"),
        Map.of("CONFERO_CLUSTER_NAME", "squat-" + java.util.UUID.randomUUID()), clock);
    seats = new Seats(node);
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  @Test
  void seatsNobodyConnectsToDoNotLockPeopleOut() throws Exception {
    JsonObject m = seats.meeting("{\"max_participants\":3}");
    for (int i = 0; i < 3; i++) {
      assertThat(seats.guestJoin(m, "Squatter " + i).status()).isEqualTo(200);
    }
    RestClient.Response full = seats.guestJoin(m, "Too early");
    assertThat(full.status()).as("fresh seats still count").isEqualTo(409);
    assertThat(full.json().getString("type")).endsWith("/meeting-full");

    Seats.Seat host = seats.host(m, "Hannah Host");
    try (WsPeer h = WsPeer.joined(seats.vertx(), seats.port(), host.token(), "joined")) {
      clock.advance(Duration.ofSeconds(31));
      RestClient.Response late = seats.guestJoin(m, "Real person");
      assertThat(late.status()).as(late.body()).isEqualTo(200);
      String token = late.json().getString("session_token");
      try (WsPeer real = WsPeer.joined(seats.vertx(), seats.port(), token, "joined")) {
        h.await("participant_joined", x -> "Real person".equals(x.getJsonObject("participant").getString("display_name")));
      }
    }
  }

  @Test
  void aLapsedSeatCannotOverfillTheMeeting() throws Exception {
    JsonObject m = seats.meeting("{\"max_participants\":2}");
    Seats.Seat early = seats.guest(m, "Slow starter");
    clock.advance(Duration.ofSeconds(31));
    Seats.Seat a = seats.guest(m, "Ann");
    Seats.Seat b = seats.guest(m, "Bob");
    try (WsPeer pa = WsPeer.joined(seats.vertx(), seats.port(), a.token(), "joined");
        WsPeer pb = WsPeer.joined(seats.vertx(), seats.port(), b.token(), "joined");
        WsPeer slow = WsPeer.connect(seats.vertx(), seats.port(), early.token())) {
      slow.send(new JsonObject().put("type", "join").put("v", 1));
      assertThat(slow.await("error").getString("code")).isEqualTo("meeting-full");
      slow.awaitClosed();
    }
  }
}
