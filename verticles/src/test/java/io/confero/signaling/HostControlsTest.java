package io.confero.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.api.RestClient;
import io.confero.app.TestNode;
import io.confero.meeting.LiveMeeting;
import io.confero.meeting.LiveParticipant;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Host controls over the raw WebSocket (docs/protocol.md, "Host controls"): a guest trying each one
 * gets {@code forbidden} and the live state keeps its epoch; the host's actions have their effects.
 */
class HostControlsTest {
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

  static JsonObject msg(String type, Object... kv) {
    JsonObject m = new JsonObject().put("type", type);
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  /** Every host action, aimed at {@code target}. */
  static List<JsonObject> hostActions(String target) {
    return List.of(msg("mute_participant", "participant_id", target, "kind", "audio"),
        msg("mute_participant", "participant_id", target, "kind", "video"), msg("mute_all"),
        msg("ask_unmute", "participant_id", target), msg("remove_participant", "participant_id", target),
        msg("lock", "locked", true), msg("lock", "locked", false),
        msg("set_role", "participant_id", target, "role", "cohost"), msg("transfer_host", "participant_id", target),
        msg("end_meeting"), msg("admit", "participant_id", target), msg("deny", "participant_id", target),
        msg("admit_all"), msg("lower_hand", "participant_id", target), msg("allow_multi_share", "allowed", true),
        msg("allow_multi_share", "allowed", false), msg("spotlight", "participant_id", target),
        msg("spotlight", "participant_id", null));
  }

  @Test
  void everyHostActionFromAGuestIsForbiddenAndChangesNothing() throws Exception {
    JsonObject m = seats.meeting(null);
    Seats.Seat h = seats.host(m, "Hannah Host");
    Seats.Seat g = seats.guest(m, "Gus Guest");
    try (WsPeer host = WsPeer.joined(seats.vertx(), seats.port(), h.token(), "joined");
         WsPeer guest = WsPeer.joined(seats.vertx(), seats.port(), g.token(), "joined")) {
      host.send(msg("raise_hand", "raised", true));
      guest.await("participant_updated", u -> u.getJsonObject("participant").getValue("hand_raised_at") != null);
      LiveMeeting before = seats.live(m);
      for (JsonObject action : hostActions(h.participantId())) {
        String ref = guest.send(action);
        assertThat(guest.awaitError(ref).getString("code")).as(action.encode()).isEqualTo("forbidden");
      }
      guest.sync();
      host.sync();
      assertThat(seats.live(m)).isEqualTo(before);
      assertThat(host.received).noneMatch(x -> List.of("muted_by_host", "unmute_requested", "removed",
          "meeting_updated", "meeting_ended").contains(x.getString("type")));
      assertThat(host.closeStatus.get()).isEqualTo(-1);
      assertThat(seats.get(m).getString("status")).isEqualTo("live");
      assertThat(seats.guestJoin(m, "Still open").status()).isEqualTo(200);
    }
  }

  @Test
  void hostMutesAsksToUnmuteMutesAllAndTurnsVideoOff() throws Exception {
    JsonObject m = seats.meeting(null);
    Seats.Seat h = seats.host(m, "Hannah Host");
    Seats.Seat g = seats.guest(m, "Gus Guest");
    try (WsPeer host = WsPeer.joined(seats.vertx(), seats.port(), h.token(), "joined");
         WsPeer guest = WsPeer.joined(seats.vertx(), seats.port(), g.token(), "joined")) {
      host.send(msg("mute_participant", "participant_id", g.participantId(), "kind", "audio"));
      assertThat(guest.await("muted_by_host").getString("kind")).isEqualTo("audio");
      host.await("participant_updated", u -> u.getJsonObject("participant").getString("participant_id")
          .equals(g.participantId()) && u.getJsonObject("participant").getBoolean("audio_muted"));
      assertThat(seats.live(m).participants().values()).filteredOn(p -> p.id().value().equals(g.participantId()))
          .extracting(LiveParticipant::audioMuted).containsExactly(true);

      host.send(msg("ask_unmute", "participant_id", g.participantId()));
      assertThat(guest.await("unmute_requested").getString("by")).isEqualTo(h.participantId());
      guest.send(msg("mute", "kind", "audio", "muted", false));
      host.await("participant_updated", u -> u.getJsonObject("participant").getString("participant_id")
          .equals(g.participantId()) && !u.getJsonObject("participant").getBoolean("audio_muted"));

      host.send(msg("mute_all"));
      guest.await("muted_by_host", x -> guest.count("muted_by_host") == 2);
      host.send(msg("mute_participant", "participant_id", g.participantId(), "kind", "video"));
      guest.await("muted_by_host", x -> x.getString("kind").equals("video"));
      host.await("participant_updated", u -> u.getJsonObject("participant").getBoolean("video_muted"));
      assertThat(host.received).noneMatch(x -> x.getString("type").equals("muted_by_host"));
    }
  }

  @Test
  void removedGuestIsDisconnectedAndCannotRejoin() throws Exception {
    JsonObject m = seats.meeting(null);
    Seats.Seat h = seats.host(m, "Hannah Host");
    Seats.Seat g = seats.guest(m, "Gus Guest");
    try (WsPeer host = WsPeer.joined(seats.vertx(), seats.port(), h.token(), "joined");
         WsPeer guest = WsPeer.joined(seats.vertx(), seats.port(), g.token(), "joined")) {
      host.send(msg("remove_participant", "participant_id", g.participantId()));
      guest.await("removed");
      guest.awaitClosed();
      assertThat(host.await("participant_left").getString("reason")).isEqualTo("removed");
      try (WsPeer again = WsPeer.connect(seats.vertx(), seats.port(), g.token())) {
        again.send(msg("join", "v", 1));
        assertThat(again.await("error").getString("code")).isEqualTo("removed");
        again.awaitClosed();
      }
      String ref = host.send(msg("remove_participant", "participant_id", h.participantId()));
      assertThat(host.awaitError(ref).getString("code")).isEqualTo("no-such-participant");
    }
  }

  @Test
  void removedIntegratorUserCannotGetANewSeat() throws Exception {
    JsonObject m = seats.meeting(null);
    Seats.Seat h = seats.host(m, "Hannah Host");
    RestClient.Response joined = seats.userJoin(m, "Uma User", "user-42");
    assertThat(joined.status()).isEqualTo(200);
    String uma = joined.json().getString("participant_id");
    try (WsPeer host = WsPeer.joined(seats.vertx(), seats.port(), h.token(), "joined");
         WsPeer user = WsPeer.joined(seats.vertx(), seats.port(), joined.json().getString("session_token"), "joined")) {
      host.send(msg("remove_participant", "participant_id", uma));
      user.awaitClosed();
      RestClient.Response again = seats.userJoin(m, "Uma Again", "user-42");
      assertThat(again.status()).isEqualTo(403);
      assertThat(again.body()).contains("participant-removed");
      assertThat(seats.userJoin(m, "Someone else", "user-43").status()).isEqualTo(200);
    }
  }

  @Test
  void lockRefusesRestJoinsAndIsBroadcast() throws Exception {
    JsonObject m = seats.meeting(null);
    Seats.Seat h = seats.host(m, "Hannah Host");
    Seats.Seat g = seats.guest(m, "Gus Guest");
    try (WsPeer host = WsPeer.joined(seats.vertx(), seats.port(), h.token(), "joined");
         WsPeer guest = WsPeer.joined(seats.vertx(), seats.port(), g.token(), "joined")) {
      assertThat(guest.await("joined").getJsonObject("meeting").getBoolean("locked")).isFalse();
      host.send(msg("lock", "locked", true));
      assertThat(guest.await("meeting_updated").getBoolean("locked")).isTrue();
      assertThat(seats.guestJoin(m, "Late").status()).isEqualTo(403);
      assertThat(seats.guestJoin(m, "Late").body()).contains("meeting-locked");
      host.send(msg("lock", "locked", false));
      guest.await("meeting_updated", u -> !u.getBoolean("locked"));
      assertThat(seats.guestJoin(m, "Late").status()).isEqualTo(200);
    }
  }

  @Test
  void aHostSpotlightsAPanelistForEveryoneAndALateJoinerSeesIt() throws Exception {
    JsonObject m = seats.meeting(null);
    Seats.Seat h = seats.host(m, "Hannah Host");
    Seats.Seat g = seats.guest(m, "Gus Guest");
    try (WsPeer host = WsPeer.joined(seats.vertx(), seats.port(), h.token(), "joined");
         WsPeer guest = WsPeer.joined(seats.vertx(), seats.port(), g.token(), "joined")) {
      assertThat(guest.await("joined").getJsonObject("meeting").getValue("spotlight")).isNull();
      host.send(msg("spotlight", "participant_id", g.participantId()));
      assertThat(guest.await("spotlight").getString("participant_id")).isEqualTo(g.participantId());
      assertThat(host.await("spotlight").getString("participant_id")).isEqualTo(g.participantId());
      assertThat(seats.live(m).spotlight().value()).isEqualTo(g.participantId());
      try (WsPeer late = WsPeer.joined(seats.vertx(), seats.port(), seats.guest(m, "Lou Late").token(), "joined")) {
        assertThat(late.await("joined").getJsonObject("meeting").getString("spotlight")).isEqualTo(g.participantId());
      }
      String ref = host.send(msg("spotlight", "participant_id", java.util.UUID.randomUUID().toString()));
      assertThat(host.awaitError(ref).getString("code")).isEqualTo("no-such-participant");
      ref = host.send(msg("spotlight", "participant_id", 7));
      assertThat(host.awaitError(ref).getString("code")).isEqualTo("bad-message");
      host.send(msg("spotlight", "participant_id", null));
      guest.await("spotlight", x -> x.getValue("participant_id") == null);
      assertThat(seats.live(m).spotlight()).isNull();
    }
  }

  @Test
  void hostMakesCohostHandsOverAndEndsForEveryone() throws Exception {
    JsonObject m = seats.meeting(null);
    Seats.Seat h = seats.host(m, "Hannah Host");
    Seats.Seat g = seats.guest(m, "Gus Guest");
    try (WsPeer host = WsPeer.joined(seats.vertx(), seats.port(), h.token(), "joined");
         WsPeer guest = WsPeer.joined(seats.vertx(), seats.port(), g.token(), "joined")) {
      host.send(msg("set_role", "participant_id", g.participantId(), "role", "cohost"));
      guest.await("participant_updated", u -> "cohost".equals(u.getJsonObject("participant").getString("role")));
      String ref = guest.send(msg("end_meeting"));
      assertThat(guest.awaitError(ref).getString("code")).isEqualTo("forbidden");
      guest.send(msg("lock", "locked", true));
      host.await("meeting_updated", u -> u.getBoolean("locked"));

      host.send(msg("transfer_host", "participant_id", g.participantId()));
      host.await("participant_updated", u -> "host".equals(u.getJsonObject("participant").getString("role")));
      ref = host.send(msg("end_meeting"));
      assertThat(host.awaitError(ref).getString("code")).isEqualTo("forbidden");

      guest.send(msg("end_meeting"));
      assertThat(host.await("meeting_ended").getString("reason")).isEqualTo("ended_by_host");
      guest.await("meeting_ended");
      host.awaitClosed();
      guest.awaitClosed();
      assertThat(seats.get(m).getString("status")).isEqualTo("ended");
      assertThat(seats.guestJoin(m, "Too late").status()).isEqualTo(409);
    }
  }

  @Test
  void aHostWhoLeavesHandsTheRoleOnAndTheNewHostSeesWhoWaits() throws Exception {
    JsonObject m = seats.meeting("{\"waiting_room\":true}");
    Seats.Seat h = seats.host(m, "Hannah Host");
    Seats.Seat a = seats.guest(m, "Ann");
    Seats.Seat b = seats.guest(m, "Bob");
    try (WsPeer host = WsPeer.joined(seats.vertx(), seats.port(), h.token(), "joined");
         WsPeer ann = WsPeer.joined(seats.vertx(), seats.port(), a.token(), "waiting")) {
      host.await("knock", k -> k.getJsonObject("participant").getString("display_name").equals("Ann"));
      host.send(msg("admit", "participant_id", a.participantId()));
      ann.await("joined");
      try (WsPeer bob = WsPeer.joined(seats.vertx(), seats.port(), b.token(), "waiting")) {
        host.await("knock", k -> k.getJsonObject("participant").getString("display_name").equals("Bob"));
        host.send(msg("leave"));
        ann.await("participant_left", l -> l.getString("participant_id").equals(h.participantId()));
        ann.await("participant_updated", u -> u.getJsonObject("participant").getString("participant_id")
            .equals(a.participantId()) && "host".equals(u.getJsonObject("participant").getString("role")));
        ann.await("knock", k -> k.getJsonObject("participant").getString("display_name").equals("Bob"));
        ann.send(msg("admit", "participant_id", b.participantId()));
        bob.await("joined");
      }
    }
  }

  @Test
  void oneScreenSharerAtATimeUnlessAModeratorAllowsMore() throws Exception {
    String offer = chromiumOffer();
    JsonObject screen = MIC_AND_SCREEN;
    JsonObject m = seats.meeting(null);
    Seats.Seat h = seats.host(m, "Hannah Host");
    Seats.Seat g = seats.guest(m, "Gus Guest");
    try (WsPeer host = WsPeer.joined(seats.vertx(), seats.port(), h.token(), "joined");
         WsPeer guest = WsPeer.joined(seats.vertx(), seats.port(), g.token(), "joined")) {
      assertThat(guest.await("joined").getJsonObject("meeting").getBoolean("allow_multi_share")).isFalse();
      host.send(msg("publish", "sdp", offer, "sources", screen));
      assertThat(host.await("publish_answer").getJsonArray("tracks").stream().map(t -> ((JsonObject) t)
          .getString("source"))).contains("screen");
      guest.send(msg("publish", "sdp", offer, "sources", screen));
      assertThat(sources(nth(guest, "publish_answer", 1))).containsExactly("microphone");
      assertThat(seats.live(m).sharers()).extracting(p -> p.value()).containsExactly(h.participantId());

      host.send(msg("allow_multi_share", "allowed", true));
      JsonObject updated = guest.await("meeting_updated");
      assertThat(updated.getBoolean("allow_multi_share")).isTrue();
      assertThat(updated.getBoolean("locked")).isFalse();
      guest.send(msg("publish", "sdp", offer, "sources", screen));
      JsonObject second = nth(guest, "publish_answer", 2);
      assertThat(sources(second)).containsExactly("microphone", "screen");
      assertThat(second.containsKey("rejected")).isFalse();
      assertThat(seats.live(m).sharers()).hasSize(2);
    }
    Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> seats.live(m).sharers().isEmpty());
  }

  /**
   * Two people press share at nearly the same moment: the one the server refuses still gets its
   * whole offer answered, with the screen m-section rejected (port 0, RFC 3264 §6) and listed in
   * {@code rejected}, so its browser's transceiver stops cleanly; once the other stops, its next
   * share is published to everyone.
   */
  @Test
  void aScreenRefusedInARaceIsAnsweredRejectedAndTheNextShareGoesThrough() throws Exception {
    String offer = chromiumOffer();
    String screenStopped = offer.replace("m=video 9 ", "m=video 0 ");
    JsonObject screen = MIC_AND_SCREEN;
    JsonObject m = seats.meeting(null);
    Seats.Seat h = seats.host(m, "Hannah Host");
    Seats.Seat g = seats.guest(m, "Gus Guest");
    try (WsPeer host = WsPeer.joined(seats.vertx(), seats.port(), h.token(), "joined");
         WsPeer guest = WsPeer.joined(seats.vertx(), seats.port(), g.token(), "joined")) {
      host.send(msg("publish", "sdp", offer, "sources", screen));
      assertThat(sources(nth(host, "publish_answer", 1))).containsExactly("microphone", "screen");

      String ref = guest.send(msg("publish", "sdp", offer, "sources", screen));
      JsonObject refused = nth(guest, "publish_answer", 1);
      assertThat(sources(refused)).containsExactly("microphone");
      assertThat(refused.getJsonArray("rejected")).containsExactly(new JsonObject().put("mid", "1")
          .put("source", "screen").put("code", "share-in-progress").put("message",
              "someone else is sharing their screen; a host can allow several people to share at once"));
      String sdp = refused.getString("sdp");
      assertThat(sdp).contains("m=video 0 ").contains("a=group:BUNDLE 0\r\n");
      host.await("track_published", t -> t.getJsonObject("track").getString("participant_id")
          .equals(g.participantId()) && t.getJsonObject("track").getString("source").equals("microphone"));
      guest.sync();
      host.sync();
      assertThat(guest.received).noneMatch(x -> "error".equals(x.getString("type")) && ref.equals(x.getString("ref")));
      assertThat(host.received).noneMatch(x -> "track_published".equals(x.getString("type"))
          && x.getJsonObject("track").getString("source").equals("screen"));
      assertThat(seats.live(m).sharers()).extracting(p -> p.value()).containsExactly(h.participantId());

      // Chromium's next offer carries the stopped section with port 0: nothing to refuse, nothing changes
      guest.send(msg("publish", "sdp", screenStopped, "sources", new JsonObject().put("0", "microphone")));
      assertThat(nth(guest, "publish_answer", 2).containsKey("rejected")).isFalse();

      host.send(msg("publish", "sdp", screenStopped, "sources", new JsonObject().put("0", "microphone")));
      assertThat(sources(nth(host, "publish_answer", 2))).containsExactly("microphone");
      guest.await("track_unpublished", t -> t.getJsonObject("track").getString("source").equals("screen"));
      Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> seats.live(m).sharers().isEmpty());

      guest.send(msg("publish", "sdp", offer.replace("a=mid:1", "a=mid:2").replace("BUNDLE 0 1", "BUNDLE 0 2"),
          "sources", new JsonObject().put("0", "microphone").put("2", "screen")));
      JsonObject shared = nth(guest, "publish_answer", 3);
      assertThat(sources(shared)).containsExactly("microphone", "screen");
      assertThat(shared.containsKey("rejected")).isFalse();
      host.await("track_published", t -> t.getJsonObject("track").getString("participant_id")
          .equals(g.participantId()) && t.getJsonObject("track").getString("source").equals("screen"));
      assertThat(seats.live(m).sharers()).extracting(p -> p.value()).containsExactly(g.participantId());
    }
  }

  /** The {@code n}th (from 1) message of {@code type} {@code peer} received, waiting for it when needed. */
  static JsonObject nth(WsPeer peer, String type, int n) {
    Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> peer.count(type) >= n);
    return peer.received.stream().filter(x -> type.equals(x.getString("type"))).skip(n - 1).findFirst().orElseThrow();
  }

  /** The sources of the tracks a publish_answer lists, in order. */
  /** Sources for Chromium's captured offer: mid 0 the microphone, mid 1 a screen. */
  static final JsonObject MIC_AND_SCREEN = new JsonObject().put("0", "microphone").put("1", "screen");

  /** Chromium's captured audio + video offer (shared fixtures). */
  static String chromiumOffer() throws java.io.IOException {
    return java.nio.file.Files.readString(java.nio.file.Path.of(System.getProperty("confero.fixtures"),
        "sdp", "chromium-offer-plain.sdp"));
  }

  static List<String> sources(JsonObject publishAnswer) {
    return publishAnswer.getJsonArray("tracks").stream().map(t -> ((JsonObject) t).getString("source")).toList();
  }

  @Test
  void badFramesGetStableCodes() throws Exception {
    JsonObject m = seats.meeting(null);
    Seats.Seat h = seats.host(m, "Hannah Host");
    try (WsPeer host = WsPeer.joined(seats.vertx(), seats.port(), h.token(), "joined")) {
      assertThat(host.awaitError(host.send(msg("frobnicate"))).getString("code")).isEqualTo("unknown-type");
      assertThat(host.awaitError(host.send(msg("chat", "text", "hi", "meeting_id",
          "00000000-0000-4000-8000-000000000000"))).getString("code")).isEqualTo("wrong-meeting");
      assertThat(host.awaitError(host.send(msg("mute_participant", "participant_id", "nobody", "kind", "audio")))
          .getString("code")).isEqualTo("bad-message");
      assertThat(host.awaitError(host.send(msg("mute_participant", "participant_id",
          "00000000-0000-4000-8000-000000000000", "kind", "audio"))).getString("code"))
          .isEqualTo("no-such-participant");
      assertThat(host.awaitError(host.send(msg("reaction", "emoji", "💩"))).getString("code"))
          .isEqualTo("bad-message");
      assertThat(host.awaitError(host.send(msg("lock"))).getString("code")).isEqualTo("bad-message");
    }
  }
}
