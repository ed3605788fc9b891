package io.confero.signaling;

import static io.confero.signaling.HostControlsTest.msg;
import static org.assertj.core.api.Assertions.assertThat;

import io.confero.app.TestNode;
import io.confero.meeting.LiveParticipant;
import io.confero.meeting.ParticipantId;
import io.confero.meeting.Role;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webinars over the raw signaling socket: join-link guests are attendees (viewers) whose publish,
 * mute, promote and host actions are refused with stable codes and change nothing; a host promotes
 * an attendee to panelist (it publishes) and demotes it (the SFU closes its tracks).
 */
class WebinarSignalingTest {
  static TestNode node;
  static Seats seats;

  @BeforeAll
  static void start() throws Exception {
    node = Seats.node(Files.createTempDirectory("confero-webinar"));
    seats = new Seats(node);
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  private static final JsonObject MIC_AND_CAMERA = new JsonObject().put("0", "microphone").put("1", "camera");

  @Test
  void attendeesAreRefusedAndNothingChanges() throws Exception {
    JsonObject m = seats.meeting("{\"webinar\":true,\"attendee_chat\":false}");
    assertThat(m.getJsonObject("settings").getBoolean("webinar")).isTrue();
    Seats.Seat h = seats.host(m, "Hannah Host");
    var r = seats.guestJoin(m, "Ada Attendee");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().getString("role")).isEqualTo("viewer");
    String a = r.json().getString("participant_id");
    try (WsPeer host = WsPeer.joined(seats.vertx(), seats.port(), h.token(), "joined");
         WsPeer att = WsPeer.joined(seats.vertx(), seats.port(), r.json().getString("session_token"), "joined")) {
      assertThat(att.await("joined").getJsonObject("meeting").getBoolean("webinar")).isTrue();
      String offer = HostControlsTest.chromiumOffer();
      List<String[]> refused = List.of(
          new String[] {att.send(msg("publish", "sdp", offer, "sources", MIC_AND_CAMERA)), "view-only"},
          new String[] {att.send(msg("mute", "kind", "audio", "muted", false)), "view-only"},
          new String[] {att.send(msg("chat", "text", "a question")), "view-only"},
          new String[] {att.send(msg("set_role", "participant_id", a, "role", "participant")), "forbidden"},
          new String[] {att.send(msg("mute_participant", "participant_id", h.participantId(), "kind", "audio")),
              "forbidden"},
          new String[] {att.send(msg("attendee_chat", "allowed", true)), "forbidden"});
      for (String[] x : refused) {
        assertThat(att.awaitError(x[0]).getString("code")).as(x[0]).isEqualTo(x[1]);
      }
      host.sync();
      assertThat(host.received).extracting(x -> x.getString("type"))
          .doesNotContain("track_published", "chat", "muted_by_host");
      LiveParticipant self = seats.live(m).participants().get(new ParticipantId(a));
      assertThat(self.role()).isEqualTo(Role.VIEWER);
      assertThat(seats.live(m).participants().get(new ParticipantId(h.participantId())).audioMuted()).isFalse();
      assertThat(seats.get(m).getJsonObject("settings").getBoolean("attendee_chat")).isFalse();

      host.send(msg("attendee_chat", "allowed", true));
      att.await("meeting_updated", u -> Boolean.TRUE.equals(u.getBoolean("attendee_chat")));
      att.send(msg("chat", "text", "now a question"));
      host.await("chat", c -> "now a question".equals(c.getJsonObject("message").getString("text")));
      assertThat(seats.get(m).getJsonObject("settings").getBoolean("attendee_chat")).isTrue();
    }
  }

  @Test
  void hostPromotesARaisedHandAndDemotesIt() throws Exception {
    JsonObject m = seats.meeting("{\"webinar\":true}");
    Seats.Seat h = seats.host(m, "Hannah Host");
    Seats.Seat g = seats.guest(m, "Ada Attendee");
    String a = g.participantId();
    try (WsPeer host = WsPeer.joined(seats.vertx(), seats.port(), h.token(), "joined");
         WsPeer att = WsPeer.joined(seats.vertx(), seats.port(), g.token(), "joined")) {
      att.send(msg("chat", "text", "attendee question"));
      host.await("chat", c -> "attendee question".equals(c.getJsonObject("message").getString("text")));
      att.send(msg("raise_hand", "raised", true));
      host.await("participant_updated", u -> a.equals(u.getJsonObject("participant").getString("participant_id"))
          && u.getJsonObject("participant").getValue("hand_raised_at") != null);

      host.send(msg("set_role", "participant_id", a, "role", "participant"));
      JsonObject promoted = att.await("participant_updated", u -> a.equals(u.getJsonObject("participant")
          .getString("participant_id")) && "participant".equals(u.getJsonObject("participant").getString("role")));
      assertThat(promoted.getJsonObject("participant").getValue("hand_raised_at")).as("hand lowered").isNull();
      att.send(msg("publish", "sdp", HostControlsTest.chromiumOffer(), "sources", MIC_AND_CAMERA));
      assertThat(att.await("publish_answer").getJsonArray("tracks")).isNotEmpty();
      host.await("track_published", t -> a.equals(t.getJsonObject("track").getString("participant_id")));

      host.send(msg("set_role", "participant_id", a, "role", "viewer"));
      host.await("track_unpublished", t -> a.equals(t.getJsonObject("track").getString("participant_id")));
      att.await("participant_updated", u -> a.equals(u.getJsonObject("participant").getString("participant_id"))
          && "viewer".equals(u.getJsonObject("participant").getString("role")));
      assertThat(seats.live(m).participants().get(new ParticipantId(a)).role()).isEqualTo(Role.VIEWER);
      String again = att.send(msg("publish", "sdp", HostControlsTest.chromiumOffer(), "sources", MIC_AND_CAMERA));
      assertThat(att.awaitError(again).getString("code")).isEqualTo("view-only");
    }
  }

  @Test
  void aPlainMeetingsJoinLinkStillSeatsParticipants() throws Exception {
    JsonObject m = seats.meeting(null);
    assertThat(m.getJsonObject("settings").getBoolean("webinar")).isFalse();
    var r = seats.guestJoin(m, "Gus Guest");
    assertThat(r.json().getString("role")).isEqualTo("participant");
    var panelist = seats.apiJoin(seats.meeting("{\"webinar\":true}"), "Pat Panelist", "panelist");
    assertThat(panelist.json().getString("role")).as(panelist.body()).isEqualTo("participant");
  }
}
