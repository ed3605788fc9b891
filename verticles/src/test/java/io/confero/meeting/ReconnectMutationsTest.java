package io.confero.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.meeting.LiveParticipant.Presence;
import io.confero.meeting.MeetingMutation.Outcome;
import org.junit.jupiter.api.Test;

/** The reconnect-grace mutations (docs/protocol.md, "Reconnecting") as pure functions. */
class ReconnectMutationsTest {
  static final MeetingId ID = HostMutationsTest.ID;
  static final ParticipantId GUEST = HostMutationsTest.GUEST;
  static final ParticipantId HOST = HostMutationsTest.HOST;

  static LiveMeeting held() {
    Outcome out = new MeetingMutations.Hold(GUEST).apply(ID, HostMutationsTest.meeting(true));
    assertThat(out.accepted()).isTrue();
    return out.state();
  }

  @Test
  void holdMarksAJoinedParticipantReconnectingWithoutAWebhookEvent() {
    LiveMeeting m = HostMutationsTest.meeting(true);
    Outcome out = new MeetingMutations.Hold(GUEST).apply(ID, m);
    LiveParticipant p = out.state().participants().get(GUEST);
    assertThat(p.presence()).isEqualTo(Presence.JOINED);
    assertThat(p.reconnecting()).isTrue();
    assertThat(out.eventType()).isEqualTo("participant.reconnecting");
    assertThat(out.state().epoch()).isEqualTo(m.epoch() + 1);
    assertThat(out.state().occupancy()).as("a held participant keeps their seat").isEqualTo(m.occupancy());
  }

  @Test
  void holdIsRefusedForAnyoneNotJoined() {
    LiveMeeting m = HostMutationsTest.meeting(false);
    LiveMeeting left = new MeetingMutations.Leave(GUEST, "left").apply(ID, m).state();
    assertThat(new MeetingMutations.Hold(GUEST).apply(ID, left).accepted()).isFalse();
    assertThat(new MeetingMutations.Hold(ParticipantId.random()).apply(ID, m).accepted()).isFalse();
    assertThat(new MeetingMutations.Hold(GUEST).apply(ID, null).accepted()).isFalse();
    assertThat(new MeetingMutations.Hold(GUEST).apply(ID, m.endedNow()).accepted()).isFalse();
  }

  @Test
  void comingBackWithinTheGraceIsAReconnectNotAJoin() {
    Outcome back = new MeetingMutations.Join(GUEST).apply(ID, held());
    assertThat(back.accepted()).isTrue();
    assertThat(back.eventType()).as("no participant.joined webhook").isEqualTo("participant.reconnected");
    LiveParticipant p = back.state().participants().get(GUEST);
    assertThat(p.presence()).as("no waiting room, even with one").isEqualTo(Presence.JOINED);
    assertThat(p.reconnecting()).isFalse();
    assertThat(new MeetingMutations.ExpireHold(GUEST).apply(ID, back.state()).accepted())
        .as("the grace running out later changes nothing").isFalse();
  }

  @Test
  void resumeClearsAMarkLeftByADropNoticedLate() {
    Outcome out = new MeetingMutations.Resume(GUEST).apply(ID, held());
    assertThat(out.accepted()).isTrue();
    assertThat(out.state().participants().get(GUEST).reconnecting()).isFalse();
    assertThat(new MeetingMutations.Resume(GUEST).apply(ID, out.state()).accepted()).as("nothing to clear").isFalse();
  }

  @Test
  void theGraceRunningOutIsALeaveForDisconnected() {
    Outcome out = new MeetingMutations.ExpireHold(GUEST).apply(ID, held());
    assertThat(out.accepted()).isTrue();
    assertThat(out.eventType()).isEqualTo("participant.left");
    assertThat(out.eventPayload()).containsEntry("reason", "disconnected");
    assertThat(out.state().participants().get(GUEST).presence()).isEqualTo(Presence.LEFT);
    assertThat(out.state().participants().get(GUEST).reconnecting()).isFalse();
  }

  @Test
  void oneRemovedWhileHeldCannotComeBackAndDoesNotExpire() {
    LiveMeeting removed = new HostMutations.Remove(HOST, GUEST).apply(ID, held()).state();
    assertThat(removed.participants().get(GUEST).presence()).isEqualTo(Presence.REMOVED);
    assertThat(new MeetingMutations.Join(GUEST).apply(ID, removed).errorCode()).isEqualTo(MeetingMutations.REMOVED);
    assertThat(new MeetingMutations.ExpireHold(GUEST).apply(ID, removed).accepted()).isFalse();
  }

  @Test
  void aHeldParticipantStaysSubjectToHostControls() {
    Outcome muted = new HostMutations.MuteParticipant(HOST, GUEST, "audio").apply(ID, held());
    assertThat(muted.accepted()).isTrue();
    LiveParticipant p = muted.state().participants().get(GUEST);
    assertThat(p.audioMuted()).isTrue();
    assertThat(p.reconnecting()).as("still reconnecting").isTrue();
  }
}
