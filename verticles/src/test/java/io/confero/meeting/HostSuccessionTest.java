package io.confero.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.meeting.LiveParticipant.Presence;
import io.confero.meeting.MeetingMutation.Outcome;
import org.junit.jupiter.api.Test;

/** When the last host leaves, the host role passes on: co-host first, then the participant seated earliest. */
class HostSuccessionTest {
  static final MeetingId ID = MeetingId.random();
  static final ParticipantId HOST = ParticipantId.random();
  static final ParticipantId FIRST = ParticipantId.random();
  static final ParticipantId SECOND = ParticipantId.random();
  static final ParticipantId COHOST = ParticipantId.random();
  static final ParticipantId ATTENDEE = ParticipantId.random();

  static LiveParticipant seat(ParticipantId id, Role role, Presence presence) {
    return new LiveParticipant(id, id.value().substring(0, 4), role, presence, false, false, 0);
  }

  /** Seated in this order: an attendee, the host, two participants; all joined. */
  static LiveMeeting meeting() {
    return LiveMeeting.open(ID, MeetingSettings.DEFAULTS)
        .withParticipant(seat(ATTENDEE, Role.VIEWER, Presence.JOINED))
        .withParticipant(seat(HOST, Role.HOST, Presence.JOINED))
        .withParticipant(seat(FIRST, Role.PARTICIPANT, Presence.JOINED))
        .withParticipant(seat(SECOND, Role.PARTICIPANT, Presence.JOINED));
  }

  static Role role(Outcome out, ParticipantId id) {
    return out.state().participant(id).orElseThrow().role();
  }

  @Test
  void theLastHostLeavingMakesTheParticipantSeatedEarliestHostNeverAnAttendee() {
    Outcome out = new MeetingMutations.Leave(HOST, "left").apply(ID, meeting());
    assertThat(out.accepted()).isTrue();
    assertThat(role(out, FIRST)).isEqualTo(Role.HOST);
    assertThat(role(out, SECOND)).isEqualTo(Role.PARTICIPANT);
    assertThat(role(out, ATTENDEE)).isEqualTo(Role.VIEWER);
    assertThat(out.eventPayload()).containsEntry("new_host", FIRST.value()).containsEntry("participant_id", HOST.value());
  }

  @Test
  void aCohostComesBeforeParticipantsSeatedEarlier() {
    LiveMeeting m = meeting().withParticipant(seat(COHOST, Role.COHOST, Presence.JOINED));
    Outcome out = new MeetingMutations.Leave(HOST, "left").apply(ID, m);
    assertThat(role(out, COHOST)).isEqualTo(Role.HOST);
    assertThat(role(out, FIRST)).isEqualTo(Role.PARTICIPANT);
  }

  @Test
  void someoneWhoLeftOrStillWaitsIsPassedOver() {
    LiveMeeting m = meeting().withParticipant(seat(FIRST, Role.PARTICIPANT, Presence.LEFT))
        .withParticipant(seat(COHOST, Role.COHOST, Presence.WAITING));
    Outcome out = new MeetingMutations.Leave(HOST, "left").apply(ID, m);
    assertThat(role(out, SECOND)).isEqualTo(Role.HOST);
  }

  @Test
  void theRoleStaysWhereItIsWhileAnotherHostIsThereOrANonHostLeaves() {
    LiveMeeting twoHosts = meeting().withParticipant(seat(COHOST, Role.HOST, Presence.JOINED));
    Outcome out = new MeetingMutations.Leave(HOST, "left").apply(ID, twoHosts);
    assertThat(role(out, FIRST)).isEqualTo(Role.PARTICIPANT);
    assertThat(out.eventPayload()).doesNotContainKey("new_host");
    Outcome guestLeft = new MeetingMutations.Leave(FIRST, "left").apply(ID, meeting());
    assertThat(role(guestLeft, SECOND)).isEqualTo(Role.PARTICIPANT);
    assertThat(role(guestLeft, HOST)).isEqualTo(Role.HOST);
  }

  @Test
  void aHostWhoseReconnectGraceRanOutHandsOnToo() {
    LiveMeeting m = meeting().withParticipant(seat(HOST, Role.HOST, Presence.JOINED).withReconnecting(true));
    Outcome out = new MeetingMutations.ExpireHold(HOST).apply(ID, m);
    assertThat(out.accepted()).isTrue();
    assertThat(role(out, FIRST)).isEqualTo(Role.HOST);
  }

  @Test
  void aHostAloneWithAttendeesLeavesNobodyHost() {
    LiveMeeting m = LiveMeeting.open(ID, MeetingSettings.DEFAULTS)
        .withParticipant(seat(HOST, Role.HOST, Presence.JOINED)).withParticipant(seat(ATTENDEE, Role.VIEWER, Presence.JOINED));
    Outcome out = new MeetingMutations.Leave(HOST, "left").apply(ID, m);
    assertThat(out.accepted()).isTrue();
    assertThat(role(out, ATTENDEE)).isEqualTo(Role.VIEWER);
    assertThat(HostSuccession.successor(out.state())).isEmpty();
  }
}
