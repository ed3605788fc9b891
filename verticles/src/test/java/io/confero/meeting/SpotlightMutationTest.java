package io.confero.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.meeting.LiveParticipant.Presence;
import io.confero.meeting.MeetingMutation.Outcome;
import io.confero.store.LiveStateCodec;
import org.junit.jupiter.api.Test;

/** Spotlight for everyone as a pure mutation: who may set it, on whom, and that it survives the stored form. */
class SpotlightMutationTest {
  static final MeetingId ID = HostMutationsTest.ID;
  static final ParticipantId ATTENDEE = ParticipantId.random();

  static LiveMeeting meeting() {
    return HostMutationsTest.meeting(false)
        .withParticipant(new LiveParticipant(ATTENDEE, "Ada", Role.VIEWER, Presence.JOINED, false, false, 0));
  }

  @Test
  void aHostOrCohostSpotlightsAJoinedPanelistAndEndsIt() {
    LiveMeeting m = meeting();
    Outcome on = new SpotlightMutation(HostMutationsTest.COHOST, HostMutationsTest.GUEST).apply(ID, m);
    assertThat(on.accepted()).isTrue();
    assertThat(on.state().spotlight()).isEqualTo(HostMutationsTest.GUEST);
    assertThat(on.state().epoch()).isGreaterThan(m.epoch());
    assertThat(on.eventType()).isEqualTo("meeting.spotlight");
    Outcome off = new SpotlightMutation(HostMutationsTest.HOST, null).apply(ID, on.state());
    assertThat(off.accepted()).isTrue();
    assertThat(off.state().spotlight()).isNull();
  }

  @Test
  void aParticipantIsForbiddenAndAnAttendeeOrStrangerCannotBeSpotlighted() {
    LiveMeeting m = meeting();
    assertThat(new SpotlightMutation(HostMutationsTest.GUEST, HostMutationsTest.GUEST).apply(ID, m).errorCode())
        .isEqualTo(MeetingMutations.FORBIDDEN);
    assertThat(new SpotlightMutation(ATTENDEE, null).apply(ID, m).errorCode()).isEqualTo(MeetingMutations.FORBIDDEN);
    assertThat(new SpotlightMutation(HostMutationsTest.HOST, ATTENDEE).apply(ID, m).errorCode())
        .isEqualTo(MeetingMutations.NO_PARTICIPANT);
    Outcome stranger = new SpotlightMutation(HostMutationsTest.HOST, ParticipantId.random()).apply(ID, m);
    assertThat(stranger.errorCode()).isEqualTo(MeetingMutations.NO_PARTICIPANT);
    assertThat(stranger.state()).isSameAs(m);
  }

  @Test
  void theSpotlightSurvivesTheStoredStateAndOtherChanges() {
    LiveMeeting m = new SpotlightMutation(HostMutationsTest.HOST, HostMutationsTest.GUEST).apply(ID, meeting()).state()
        .withLocked(true).withMultiShare(true);
    assertThat(m.spotlight()).isEqualTo(HostMutationsTest.GUEST);
    LiveMeeting back = LiveStateCodec.decode(ID, m.settings(), LiveStateCodec.encode(m));
    assertThat(back).isEqualTo(m);
    assertThat(LiveStateCodec.encode(meeting()).containsKey("spotlight")).isFalse();
  }

  @Test
  void theSpotlightEndsWhenItsParticipantLeavesIsRemovedOrBecomesAnAttendee() {
    LiveMeeting on = new SpotlightMutation(HostMutationsTest.HOST, HostMutationsTest.GUEST).apply(ID, meeting()).state();
    LiveParticipant guest = on.participants().get(HostMutationsTest.GUEST);
    assertThat(on.withParticipant(guest.withMutes(true, true)).spotlight()).isEqualTo(HostMutationsTest.GUEST);
    assertThat(on.withParticipant(guest.with(Presence.LEFT)).spotlight()).isNull();
    assertThat(on.withParticipant(guest.with(Presence.REMOVED)).spotlight()).isNull();
    assertThat(on.withParticipant(guest.withRole(Role.VIEWER)).spotlight()).isNull();
    LiveParticipant other = on.participants().get(HostMutationsTest.COHOST);
    assertThat(on.withParticipant(other.with(Presence.LEFT)).spotlight()).isEqualTo(HostMutationsTest.GUEST);
  }
}
