package io.confero.signaling;

import static io.confero.signaling.HostControlsTest.msg;
import static org.assertj.core.api.Assertions.assertThat;

import io.confero.app.TestNode;
import io.confero.meeting.LiveParticipant;
import io.confero.meeting.LiveParticipant.Presence;
import io.confero.meeting.ParticipantId;
import io.confero.webhook.StepClock;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reconnect grace (docs/protocol.md, "Reconnecting") over the raw WebSocket. The node reads time
 * from a {@link StepClock}: the grace only runs out when a test moves the clock past it.
 */
class ReconnectTest {
  static final Duration GRACE = Duration.ofMinutes(5);
  static final StepClock CLOCK = new StepClock();
  static TestNode node;
  static Seats seats;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(java.nio.file.Files.createTempDirectory("confero-reconnect"),
        Map.of("CONFERO_CLUSTER_NAME", "reconnect-test-" + java.util.UUID.randomUUID(),
            "CONFERO_SIGNALING_RECONNECT_GRACE", GRACE.toMinutes() + "m"), CLOCK);
    seats = new Seats(node);
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  private static boolean about(JsonObject update, String participantId, boolean reconnecting) {
    JsonObject p = update.getJsonObject("participant");
    return participantId.equals(p.getString("participant_id")) && p.getBoolean("reconnecting") == reconnecting;
  }

  private LiveParticipant live(JsonObject meeting, String participantId) {
    return seats.live(meeting).participants().get(new ParticipantId(participantId));
  }

  @Test
  void rejoiningWithinTheGraceIsNeitherALeaveNorAJoin() throws Exception {
    JsonObject m = seats.meeting(null);
    Seats.Seat h = seats.host(m, "Hannah Host");
    Seats.Seat g = seats.guest(m, "Gus Guest");
    try (WsPeer host = WsPeer.joined(seats.vertx(), seats.port(), h.token(), "joined")) {
      WsPeer guest = WsPeer.joined(seats.vertx(), seats.port(), g.token(), "joined");
      host.await("participant_joined");
      guest.send(msg("mute", "kind", "audio", "muted", true));
      host.await("participant_updated", u -> u.getJsonObject("participant").getBoolean("audio_muted"));
      guest.drop();
      host.await("participant_updated", u -> about(u, g.participantId(), true));
      assertThat(live(m, g.participantId()).reconnecting()).isTrue();
      assertThat(live(m, g.participantId()).presence()).isEqualTo(Presence.JOINED);
      host.send(msg("chat", "text", "are you back?"));
      host.await("chat");
      try (WsPeer back = WsPeer.joined(seats.vertx(), seats.port(), g.token(), "joined")) {
        JsonObject joined = back.await("joined");
        assertThat(joined.getBoolean("resumed")).isTrue();
        assertThat(joined.getLong("reconnect_grace_ms")).isEqualTo(GRACE.toMillis());
        assertThat(joined.getJsonObject("self").getBoolean("audio_muted")).as("mute state survives").isTrue();
        assertThat(joined.getJsonArray("chat").getJsonObject(0).getString("text")).isEqualTo("are you back?");
        assertThat(joined.getJsonArray("participants").getJsonObject(0).getString("participant_id"))
            .isEqualTo(h.participantId());
        host.await("participant_updated", u -> about(u, g.participantId(), false));
        back.sync();
        host.sync();
        assertThat(host.count("participant_left")).isZero();
        assertThat(host.count("participant_joined")).isEqualTo(1);
        assertThat(back.count("error")).isZero();
        assertThat(live(m, g.participantId()).reconnecting()).isFalse();
      }
    }
  }

  @Test
  void whenTheGraceRunsOutTheParticipantLeavesAsDisconnected() throws Exception {
    JsonObject m = seats.meeting(null);
    Seats.Seat h = seats.host(m, "Hannah Host");
    Seats.Seat g = seats.guest(m, "Gus Guest");
    try (WsPeer host = WsPeer.joined(seats.vertx(), seats.port(), h.token(), "joined")) {
      WsPeer guest = WsPeer.joined(seats.vertx(), seats.port(), g.token(), "joined");
      guest.drop();
      host.await("participant_updated", u -> about(u, g.participantId(), true));
      host.sync();
      assertThat(host.count("participant_left")).isZero();
      CLOCK.advance(GRACE.plusSeconds(1));
      JsonObject left = host.await("participant_left");
      assertThat(left.getString("participant_id")).isEqualTo(g.participantId());
      assertThat(left.getString("reason")).isEqualTo("disconnected");
      assertThat(live(m, g.participantId()).presence()).isEqualTo(Presence.LEFT);
      try (WsPeer later = WsPeer.joined(seats.vertx(), seats.port(), g.token(), "joined")) {
        assertThat(later.await("joined").getBoolean("resumed")).as("too late: a fresh join").isFalse();
        host.await("participant_joined", j -> j.getJsonObject("participant").getString("participant_id")
            .equals(g.participantId()));
      }
    }
  }

  @Test
  void anAdmittedGuestWhoReconnectsDoesNotWaitAgain() throws Exception {
    JsonObject m = seats.meeting("{\"waiting_room\":true}");
    Seats.Seat h = seats.host(m, "Hannah Host");
    Seats.Seat g = seats.guest(m, "Gus Guest");
    try (WsPeer host = WsPeer.joined(seats.vertx(), seats.port(), h.token(), "joined")) {
      WsPeer guest = WsPeer.joined(seats.vertx(), seats.port(), g.token(), "waiting");
      host.await("knock");
      host.send(msg("admit", "participant_id", g.participantId()));
      guest.await("joined");
      guest.drop();
      host.await("participant_updated", u -> about(u, g.participantId(), true));
      try (WsPeer back = WsPeer.joined(seats.vertx(), seats.port(), g.token(), "joined")) {
        assertThat(back.count("waiting")).isZero();
        assertThat(back.await("joined").getBoolean("resumed")).isTrue();
        host.sync();
        assertThat(host.count("knock")).isEqualTo(1);
        assertThat(host.count("participant_left")).isZero();
      }
    }
  }

  @Test
  void leaveAndANormalClosureAreImmediate() throws Exception {
    JsonObject m = seats.meeting(null);
    Seats.Seat h = seats.host(m, "Hannah Host");
    Seats.Seat a = seats.guest(m, "Ann");
    Seats.Seat b = seats.guest(m, "Bob");
    try (WsPeer host = WsPeer.joined(seats.vertx(), seats.port(), h.token(), "joined")) {
      WsPeer ann = WsPeer.joined(seats.vertx(), seats.port(), a.token(), "joined");
      WsPeer bob = WsPeer.joined(seats.vertx(), seats.port(), b.token(), "joined");
      ann.send(msg("leave"));
      JsonObject left = host.await("participant_left", l -> l.getString("participant_id").equals(a.participantId()));
      assertThat(left.getString("reason")).isEqualTo("left");
      bob.close();
      host.await("participant_left", l -> l.getString("participant_id").equals(b.participantId()));
      host.sync();
      assertThat(host.received).noneMatch(x -> "participant_updated".equals(x.getString("type"))
          && x.getJsonObject("participant").getBoolean("reconnecting"));
      assertThat(live(m, a.participantId()).presence()).isEqualTo(Presence.LEFT);
      assertThat(live(m, b.participantId()).presence()).isEqualTo(Presence.LEFT);
    }
  }

  @Test
  void oneRemovedWhileReconnectingCannotComeBack() throws Exception {
    JsonObject m = seats.meeting(null);
    Seats.Seat h = seats.host(m, "Hannah Host");
    Seats.Seat g = seats.guest(m, "Gus Guest");
    try (WsPeer host = WsPeer.joined(seats.vertx(), seats.port(), h.token(), "joined")) {
      WsPeer guest = WsPeer.joined(seats.vertx(), seats.port(), g.token(), "joined");
      guest.drop();
      host.await("participant_updated", u -> about(u, g.participantId(), true));
      host.send(msg("remove_participant", "participant_id", g.participantId()));
      JsonObject left = host.await("participant_left");
      assertThat(left.getString("reason")).isEqualTo("removed");
      try (WsPeer back = WsPeer.connect(seats.vertx(), seats.port(), g.token())) {
        back.send(msg("join", "v", 1));
        assertThat(back.await("error").getString("code")).isEqualTo("removed");
        back.awaitClosed();
        assertThat(back.closeStatus.get()).isEqualTo(4403);
      }
      host.sync();
      assertThat(host.count("participant_joined")).as("only the first join").isEqualTo(1);
    }
  }

  @Test
  void aMeetingEndedWhileReconnectingCannotBeRejoined() throws Exception {
    JsonObject m = seats.meeting(null);
    Seats.Seat h = seats.host(m, "Hannah Host");
    Seats.Seat g = seats.guest(m, "Gus Guest");
    WsPeer host = WsPeer.joined(seats.vertx(), seats.port(), h.token(), "joined");
    WsPeer guest = WsPeer.joined(seats.vertx(), seats.port(), g.token(), "joined");
    guest.drop();
    host.await("participant_updated", u -> about(u, g.participantId(), true));
    host.send(msg("end_meeting"));
    host.await("meeting_ended");
    try (WsPeer back = WsPeer.connect(seats.vertx(), seats.port(), g.token())) {
      back.send(msg("join", "v", 1));
      assertThat(back.await("error").getString("code")).isEqualTo("meeting-ended");
    }
    host.close();
  }
}
