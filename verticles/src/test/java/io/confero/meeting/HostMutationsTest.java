package io.confero.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.meeting.LiveParticipant.Presence;
import io.confero.meeting.MeetingMutation.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The host-control mutations as pure functions: who may apply them, and what they change. */
class HostMutationsTest {
  static final MeetingId ID = MeetingId.random();
  static final ParticipantId HOST = ParticipantId.random();
  static final ParticipantId COHOST = ParticipantId.random();
  static final ParticipantId GUEST = ParticipantId.random();

  static LiveMeeting meeting(boolean waitingRoom) {
    MeetingSettings s = new MeetingSettings(10, waitingRoom, false, true, false);
    LiveMeeting m = LiveMeeting.open(ID, s);
    m = m.withParticipant(new LiveParticipant(HOST, "Host", Role.HOST, Presence.JOINED, false, false, 0));
    m = m.withParticipant(new LiveParticipant(COHOST, "Co", Role.COHOST, Presence.JOINED, false, false, 0));
    return m.withParticipant(new LiveParticipant(GUEST, "Guest", Role.PARTICIPANT, Presence.JOINED, false, false, 0,
        "user-7"));
  }

  static List<MeetingMutation> hostActionsBy(ParticipantId actor, ParticipantId target) {
    return List.of(new HostMutations.MuteParticipant(actor, target, "audio"), new HostMutations.MuteAll(actor),
        new HostMutations.Remove(actor, target), new HostMutations.SetLocked(actor, true),
        new HostMutations.SetRole(actor, target, Role.COHOST), new HostMutations.TransferHost(actor, target),
        new HostMutations.EndForAll(actor), new HostMutations.SetHand(actor, target, false, 0),
        new HostMutations.Admit(actor, target, true), new HostMutations.Admit(actor, target, false),
        new HostMutations.AdmitAll(actor));
  }

  @Test
  void aParticipantIsForbiddenEveryHostActionAndNothingChanges() {
    LiveMeeting m = meeting(false);
    for (MeetingMutation action : hostActionsBy(GUEST, HOST)) {
      Outcome out = action.apply(ID, m);
      assertThat(out.accepted()).as(action.toString()).isFalse();
      assertThat(out.errorCode()).as(action.toString()).isEqualTo(MeetingMutations.FORBIDDEN);
      assertThat(out.state()).isSameAs(m);
    }
  }

  @Test
  void aCohostModeratesButCannotUseHostOnlyActionsOrRemoveTheHost() {
    LiveMeeting m = meeting(false);
    assertThat(new HostMutations.MuteParticipant(COHOST, GUEST, "audio").apply(ID, m).accepted()).isTrue();
    assertThat(new HostMutations.SetLocked(COHOST, true).apply(ID, m).state().locked()).isTrue();
    assertThat(new HostMutations.EndForAll(COHOST).apply(ID, m).errorCode()).isEqualTo(MeetingMutations.FORBIDDEN);
    assertThat(new HostMutations.SetRole(COHOST, GUEST, Role.COHOST).apply(ID, m).errorCode())
        .isEqualTo(MeetingMutations.FORBIDDEN);
    assertThat(new HostMutations.Remove(COHOST, HOST).apply(ID, m).errorCode()).isEqualTo(MeetingMutations.FORBIDDEN);
  }

  @Test
  void theHostPromotesAnAttendeeAndDemotesItButAnAttendeeCannotPromoteItself() {
    LiveMeeting m = meeting(false).withParticipant(
        new LiveParticipant(ATTENDEE, "Ada", Role.VIEWER, Presence.JOINED, false, false, 1234));
    for (MeetingMutation action : hostActionsBy(ATTENDEE, GUEST)) {
      assertThat(action.apply(ID, m).errorCode()).as(action.toString()).isEqualTo(MeetingMutations.FORBIDDEN);
    }
    assertThat(new HostMutations.SetRole(ATTENDEE, ATTENDEE, Role.PARTICIPANT).apply(ID, m).state()).isSameAs(m);
    Outcome promoted = new HostMutations.SetRole(HOST, ATTENDEE, Role.PARTICIPANT).apply(ID, m);
    assertThat(promoted.state().participants().get(ATTENDEE).role()).isEqualTo(Role.PARTICIPANT);
    assertThat(promoted.state().participants().get(ATTENDEE).handRaisedAt()).as("promoted: the hand goes down").isZero();
    Outcome demoted = new HostMutations.SetRole(HOST, ATTENDEE, Role.VIEWER).apply(ID, promoted.state());
    assertThat(demoted.state().participants().get(ATTENDEE).role()).isEqualTo(Role.VIEWER);
    assertThat(new HostMutations.SetRole(HOST, ATTENDEE, Role.HOST).apply(ID, m).accepted()).isFalse();
  }

  static final ParticipantId ATTENDEE = ParticipantId.random();

  @Test
  void hostActionsChangeStateAndRaiseTheEpoch() {
    LiveMeeting m = meeting(false);
    Outcome muted = new HostMutations.MuteAll(HOST).apply(ID, m);
    assertThat(muted.state().participants().get(GUEST).audioMuted()).isTrue();
    assertThat(muted.state().participants().get(COHOST).audioMuted()).isFalse();
    assertThat(muted.state().epoch()).isGreaterThan(m.epoch());
    Outcome handed = new HostMutations.TransferHost(HOST, GUEST).apply(ID, m);
    assertThat(handed.state().participants().get(GUEST).role()).isEqualTo(Role.HOST);
    assertThat(handed.state().participants().get(HOST).role()).isEqualTo(Role.COHOST);
    Outcome removed = new HostMutations.Remove(HOST, GUEST).apply(ID, m);
    assertThat(removed.state().participants().get(GUEST).presence()).isEqualTo(Presence.REMOVED);
    assertThat(new MeetingMutations.Join(GUEST).apply(ID, removed.state()).errorCode())
        .isEqualTo(MeetingMutations.REMOVED);
    Outcome again = new MeetingMutations.Register(m.settings(), ParticipantId.random(), "Again", Role.PARTICIPANT,
        "user-7").apply(ID, removed.state());
    assertThat(again.errorCode()).isEqualTo(MeetingMutations.REMOVED);
    assertThat(new HostMutations.EndForAll(HOST).apply(ID, m).state().ended()).isTrue();
  }

  @Test
  void handsAreRaisedBySelfAndLoweredBySelfOrAModerator() {
    LiveMeeting m = meeting(false);
    LiveMeeting up = new HostMutations.SetHand(GUEST, GUEST, true, 1234).apply(ID, m).state();
    assertThat(up.participants().get(GUEST).handRaisedAt()).isEqualTo(1234);
    assertThat(new HostMutations.SetHand(GUEST, GUEST, true, 9999).apply(ID, up).state().participants().get(GUEST)
        .handRaisedAt()).as("raising again keeps the place in the queue").isEqualTo(1234);
    assertThat(new HostMutations.SetHand(COHOST, GUEST, true, 1).apply(ID, m).errorCode())
        .isEqualTo(MeetingMutations.FORBIDDEN);
    assertThat(new HostMutations.SetHand(HOST, GUEST, false, 0).apply(ID, up).state().participants().get(GUEST)
        .handRaisedAt()).isZero();
    assertThat(new HostMutations.React(GUEST, "👍").apply(ID, m).accepted()).isTrue();
    assertThat(new HostMutations.React(GUEST, "💩").apply(ID, m).accepted()).isFalse();
  }

  @Test
  void waitingRoomHoldsParticipantsButNotModeratorsOrTheAlreadyAdmitted() {
    LiveMeeting m = meeting(true);
    ParticipantId late = ParticipantId.random();
    m = new MeetingMutations.Register(m.settings(), late, "Late", Role.PARTICIPANT).apply(ID, m).state();
    LiveMeeting waiting = new MeetingMutations.Join(late).apply(ID, m).state();
    assertThat(waiting.participants().get(late).presence()).isEqualTo(Presence.WAITING);
    assertThat(new MeetingMutations.Join(HOST).apply(ID, m).state().participants().get(HOST).presence())
        .isEqualTo(Presence.JOINED);
    LiveMeeting gone = new MeetingMutations.Leave(late, "disconnected").apply(ID, waiting).state();
    assertThat(gone.participants().get(late).presence()).isEqualTo(Presence.INVITED);
    LiveMeeting admitted = new HostMutations.AdmitAll(HOST).apply(ID, waiting).state();
    assertThat(admitted.participants().get(late).presence()).isEqualTo(Presence.JOINED);
    LiveMeeting left = new MeetingMutations.Leave(late, "left").apply(ID, admitted).state();
    assertThat(new MeetingMutations.Join(late).apply(ID, left).state().participants().get(late).presence())
        .as("an admitted participant who comes back does not wait again").isEqualTo(Presence.JOINED);
    assertThat(new HostMutations.Admit(HOST, late, false).apply(ID, waiting).state().participants().get(late)
        .presence()).isEqualTo(Presence.REMOVED);
  }
}
