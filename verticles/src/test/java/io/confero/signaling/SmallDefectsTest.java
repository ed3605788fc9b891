package io.confero.signaling;

import static io.confero.signaling.HostControlsTest.msg;
import static org.assertj.core.api.Assertions.assertThat;

import io.confero.api.RestClient;
import io.confero.app.TestNode;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Small failures found by trying: text PostgreSQL cannot store as sent (NUL, lone surrogates), a
 * too-long request line or headers, and a reaction storm. Each gets a clear answer, never
 * {@code internal}, never a silent change, never a stall. The node's clock stands still, so the
 * meeting's reaction budget is exactly its burst.
 */
class SmallDefectsTest {
  static TestNode node;
  static Seats seats;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(Files.createTempDirectory("confero-small"),
        Map.of("CONFERO_CLUSTER_NAME", "small-" + java.util.UUID.randomUUID()), Clock.fixed(Instant.now(), ZoneOffset.UTC));
    seats = new Seats(node);
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  @Test
  void chatThatCannotBeStoredAsSentIsRefused() throws Exception {
    JsonObject m = seats.meeting(null);
    try (WsPeer h = WsPeer.joined(seats.vertx(), seats.port(), seats.host(m, "Hannah Host").token(), "joined")) {
      String nul = h.send(msg("chat", "text", "a\u0000b"));
      assertThat(h.awaitError(nul).getString("code")).isEqualTo("bad-message");
      h.sendRaw("{\"type\":\"chat\",\"id\":\"lone\",\"text\":\"a\\ud800b\"}");
      assertThat(h.awaitError("lone").getString("code")).isEqualTo("bad-message");
      h.send(msg("chat", "text", "fine \uD83D\uDE00"));
      assertThat(h.await("chat").getJsonObject("message").getString("text")).isEqualTo("fine \uD83D\uDE00");
      h.sync();
      assertThat(h.count("chat")).isEqualTo(1);
    }
    RestClient.Response r = seats.rest.send("POST", "/j/" + m.getString("join_code") + "/join",
        "{\"display_name\":\"x\\udc00y\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(422);
    assertThat(r.json().getString("field")).isEqualTo("display_name");
  }

  @Test
  void oversizedRequestLinesAndHeadersAreProblemDocuments() throws Exception {
    RestClient.Response uri = seats.rest.send("GET", "/api/v1/meetings?q=" + "x".repeat(20_000), null);
    assertThat(uri.status()).isEqualTo(414);
    assertThat(uri.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(uri.json().getString("type")).endsWith("/uri-too-long");
    RestClient.Response headers = seats.rest.send("GET", "/health", null, "X-Big", "y".repeat(20_000));
    assertThat(headers.status()).isEqualTo(431);
    assertThat(headers.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(headers.json().getString("type")).endsWith("/headers-too-large");
  }

  @Test
  void aReactionStormFansOutNoMoreThanTheMeetingsBudget() throws Exception {
    JsonObject m = seats.meeting(null);
    List<WsPeer> senders = new ArrayList<>();
    try (WsPeer watcher = WsPeer.joined(seats.vertx(), seats.port(), seats.guest(m, "Watcher").token(), "joined")) {
      for (int i = 0; i < 8; i++) {
        senders.add(WsPeer.joined(seats.vertx(), seats.port(), seats.guest(m, "Storm " + i).token(), "joined"));
      }
      for (int round = 0; round < 30; round++) {
        for (WsPeer s : senders) {
          s.send(msg("reaction", "emoji", "👍"));
        }
      }
      senders.forEach(WsPeer::sync);
      watcher.sync();
      assertThat(watcher.count("reaction")).isEqualTo(20);
      assertThat(senders.stream().mapToLong(s -> s.received.stream()
          .filter(x -> "error".equals(x.getString("type")) && "rate-limited".equals(x.getString("code"))).count()).sum())
          .isEqualTo(8 * 30 - 20);
    } finally {
      senders.forEach(WsPeer::close);
    }
  }

  @Test
  void aChatFloodFromOneParticipantIsLimitedAndOthersAreUnaffected() throws Exception {
    JsonObject m = seats.meeting(null);
    try (WsPeer watcher = WsPeer.joined(seats.vertx(), seats.port(), seats.guest(m, "Watcher").token(), "joined");
         WsPeer flooder = WsPeer.joined(seats.vertx(), seats.port(), seats.guest(m, "Flooder").token(), "joined")) {
      for (int i = 0; i < 30; i++) {
        flooder.send(msg("chat", "text", "spam " + i));
      }
      for (int i = 0; i < 8; i++) {
        flooder.send(msg("raise_hand", "raised", i % 2 == 0));
      }
      watcher.send(msg("chat", "text", "still heard"));
      watcher.send(msg("raise_hand", "raised", true));
      flooder.sync();
      flooder.await("chat", c -> "still heard".equals(c.getJsonObject("message").getString("text")));
      flooder.await("participant_updated", u -> u.getJsonObject("participant").getValue("hand_raised_at") != null
          && "Watcher".equals(u.getJsonObject("participant").getString("display_name")));
      watcher.sync();
      assertThat(watcher.received).filteredOn(x -> "chat".equals(x.getString("type")))
          .extracting(x -> x.getJsonObject("message").getString("text"))
          .containsExactlyInAnyOrder("spam 0", "spam 1", "spam 2", "spam 3", "spam 4", "spam 5", "still heard");
      assertThat(flooder.received).filteredOn(x -> "error".equals(x.getString("type")))
          .extracting(x -> x.getString("code")).hasSize(24 + 4).containsOnly("rate-limited");
    }
  }
}
