package io.confero.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.confero.app.TestNode;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The opaque key-exchange relay of end-to-end encrypted meetings (docs/protocol.md, "End-to-end
 * encryption"): delivery to one participant or the meeting, the sender stamped by the server,
 * bounded payloads and fan-out, refused in plain meetings, and no key material in the server's
 * logs or database.
 */
class E2eeRelayTest {
  static Path dir;
  static TestNode node;
  static Seats seats;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("confero-e2ee-relay");
    node = Seats.node(dir);
    seats = new Seats(node);
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  static JsonObject e2ee(String payload) {
    return new JsonObject().put("type", "e2ee").put("payload", payload);
  }

  @Test
  void relaysToOneOrAllStampedWithTheRealSender() throws Exception {
    JsonObject m = seats.meeting("{\"e2ee_enabled\":true}");
    Seats.Seat a = seats.host(m, "Alice");
    Seats.Seat b = seats.guest(m, "Bob");
    Seats.Seat c = seats.guest(m, "Carol");
    try (WsPeer alice = WsPeer.joined(seats.vertx(), seats.port(), a.token(), "joined");
         WsPeer bob = WsPeer.joined(seats.vertx(), seats.port(), b.token(), "joined");
         WsPeer carol = WsPeer.joined(seats.vertx(), seats.port(), c.token(), "joined")) {
      assertThat(alice.await("joined").getJsonObject("meeting").getBoolean("e2ee")).isTrue();

      // a forged "from" is overwritten with the sender the socket belongs to
      alice.send(e2ee("hello-all").put("from", c.participantId()));
      JsonObject atBob = bob.await("e2ee", x -> x.getString("payload").equals("hello-all"));
      assertThat(atBob.getString("from")).isEqualTo(a.participantId());
      assertThat(atBob.containsKey("to")).isFalse();
      carol.await("e2ee", x -> x.getString("payload").equals("hello-all"));

      alice.send(e2ee("for-bob-only").put("to", b.participantId()));
      JsonObject direct = bob.await("e2ee", x -> x.getString("payload").equals("for-bob-only"));
      assertThat(direct.getString("from")).isEqualTo(a.participantId());
      assertThat(direct.getString("to")).isEqualTo(b.participantId());
      alice.sync();
      carol.sync();
      bob.sync();
      assertThat(carol.received).noneMatch(x -> "for-bob-only".equals(x.getString("payload")));
      assertThat(alice.received).noneMatch(x -> "e2ee".equals(x.getString("type")));
    }
  }

  @Test
  void badInputGetsStableCodes() throws Exception {
    JsonObject m = seats.meeting("{\"e2ee_enabled\":true}");
    Seats.Seat a = seats.host(m, "Alice");
    Seats.Seat b = seats.guest(m, "Bob");
    try (WsPeer alice = WsPeer.joined(seats.vertx(), seats.port(), a.token(), "joined");
         WsPeer bob = WsPeer.joined(seats.vertx(), seats.port(), b.token(), "joined")) {
      assertThat(code(alice, e2ee("x".repeat(E2eeRelay.MAX_PAYLOAD + 1)))).isEqualTo("bad-message");
      assertThat(code(alice, e2ee(""))).isEqualTo("bad-message");
      assertThat(code(alice, new JsonObject().put("type", "e2ee").put("payload", 42))).isEqualTo("bad-message");
      assertThat(code(alice, new JsonObject().put("type", "e2ee"))).isEqualTo("bad-message");
      assertThat(code(alice, e2ee("k").put("to", "not-an-id"))).isEqualTo("bad-message");
      assertThat(code(alice, e2ee("k").put("to", java.util.UUID.randomUUID().toString())))
          .isEqualTo("no-such-participant");
      assertThat(code(alice, e2ee("k").put("to", a.participantId()))).isEqualTo("no-such-participant");
      // meeting-wide sends have a budget of their own; direct ones are bounded by the frame limit
      String last = null;
      for (int i = 0; i <= E2eeRelay.BROADCAST_BURST + 2; i++) {
        last = alice.send(e2ee("storm-" + i));
      }
      assertThat(alice.awaitError(last).getString("code")).isEqualTo("rate-limited");
      assertThat(code(alice, e2ee("still-direct").put("to", b.participantId()))).isNull();
      bob.await("e2ee", x -> x.getString("payload").equals("still-direct"));
    }
  }

  @Test
  void aPlainMeetingRelaysNoKeys() throws Exception {
    JsonObject m = seats.meeting(null);
    Seats.Seat a = seats.host(m, "Alice");
    try (WsPeer alice = WsPeer.joined(seats.vertx(), seats.port(), a.token(), "joined")) {
      JsonObject meeting = alice.await("joined").getJsonObject("meeting");
      assertThat(meeting.getBoolean("e2ee")).isFalse();
      assertThat(meeting.getString("video_codec")).as("the meeting's video codec, default VP8").isEqualTo("vp8");
      assertThat(code(alice, e2ee("k"))).isEqualTo("e2ee-off");
    }
  }

  @Test
  void keyMaterialReachesNeitherTheLogsNorTheDatabase() throws Exception {
    String secret = "KEYMATERIAL" + java.util.UUID.randomUUID().toString().replace("-", "");
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Logger confero = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("io.confero");
    Level before = confero.getLevel();
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    confero.setLevel(Level.DEBUG);
    try {
      JsonObject m = seats.meeting("{\"e2ee_enabled\":true}");
      Seats.Seat a = seats.host(m, "Alice");
      Seats.Seat b = seats.guest(m, "Bob");
      try (WsPeer alice = WsPeer.joined(seats.vertx(), seats.port(), a.token(), "joined");
           WsPeer bob = WsPeer.joined(seats.vertx(), seats.port(), b.token(), "joined")) {
        alice.send(e2ee(secret + "-all"));
        alice.send(e2ee(secret + "-direct").put("to", b.participantId()));
        bob.await("e2ee", x -> x.getString("payload").endsWith("-direct"));
        code(alice, e2ee(secret + "-nobody").put("to", java.util.UUID.randomUUID().toString()));
        bob.send(new JsonObject().put("type", "chat").put("text", "a durable write after the keys"));
        alice.await("chat");
      }
    } finally {
      confero.setLevel(before);
      root.detachAppender(logs);
    }
    assertThat(logs.list).isNotEmpty();
    assertThat(logs.list).noneMatch(e -> String.valueOf(e.getFormattedMessage()).contains(secret)
        || (e.getThrowableProxy() != null && String.valueOf(e.getThrowableProxy().getMessage()).contains(secret)));
    assertThat(filesContaining(dir, secret.getBytes(StandardCharsets.US_ASCII))).isEmpty();
  }

  /** The error code answering {@code msg}, or null when a ping after it came back without one. */
  private static String code(WsPeer peer, JsonObject msg) {
    String ref = peer.send(msg);
    peer.sync();
    return peer.received.stream().filter(x -> "error".equals(x.getString("type")) && ref.equals(x.getString("ref")))
        .map(x -> x.getString("code")).findFirst().orElse(null);
  }

  private static java.util.List<Path> filesContaining(Path root, byte[] needle) throws Exception {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).filter(p -> {
        try {
          return indexOf(Files.readAllBytes(p), needle) >= 0;
        } catch (java.io.IOException e) {
          return false; // a file the database removed while we walked
        }
      }).toList();
    }
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
