package io.confero.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.meeting.LiveParticipant.Presence;
import io.confero.meeting.MeetingMutation.Outcome;
import org.junit.jupiter.api.Test;

/** One screen sharer at a time unless a moderator allows several (docs/protocol.md, "publish"). */
class ShareMutationsTest {
  static final MeetingId ID = HostMutationsTest.ID;
  static final ParticipantId HOST = HostMutationsTest.HOST;
  static final ParticipantId COHOST = HostMutationsTest.COHOST;
  static final ParticipantId GUEST = HostMutationsTest.GUEST;

  static LiveMeeting sharing(ParticipantId who) {
    Outcome out = new ShareMutations.StartShare(who).apply(ID, HostMutationsTest.meeting(false));
    assertThat(out.accepted()).isTrue();
    return out.state();
  }

  @Test
  void aSecondSharerIsRefusedWithShareInProgressAndNothingChanges() {
    LiveMeeting m = sharing(GUEST);
    Outcome out = new ShareMutations.StartShare(HOST).apply(ID, m);
    assertThat(out.accepted()).isFalse();
    assertThat(out.errorCode()).isEqualTo(ShareMutations.SHARE_IN_PROGRESS);
    assertThat(out.state()).isSameAs(m);
    assertThat(m.sharers()).containsExactly(GUEST);
  }

  @Test
  void theSharerMayRepublishAndAfterStoppingSomeoneElseMayShare() {
    LiveMeeting m = sharing(GUEST);
    Outcome again = new ShareMutations.StartShare(GUEST).apply(ID, m);
    assertThat(again.accepted()).isTrue();
    assertThat(again.state().epoch()).isEqualTo(m.epoch());
    LiveMeeting stopped = new ShareMutations.StopShare(GUEST).apply(ID, m).state();
    assertThat(stopped.sharers()).isEmpty();
    assertThat(new ShareMutations.StartShare(HOST).apply(ID, stopped).state().sharers()).containsExactly(HOST);
  }

  @Test
  void whenAModeratorAllowsSeveralSharersTheSecondOneMayShare() {
    LiveMeeting m = sharing(GUEST);
    Outcome allow = new ShareMutations.AllowMultiShare(COHOST, true).apply(ID, m);
    assertThat(allow.accepted()).isTrue();
    assertThat(allow.state().multiShare()).isTrue();
    Outcome second = new ShareMutations.StartShare(HOST).apply(ID, allow.state());
    assertThat(second.accepted()).isTrue();
    assertThat(second.state().sharers()).containsExactly(GUEST, HOST);
    Outcome disallow = new ShareMutations.AllowMultiShare(HOST, false).apply(ID, second.state());
    assertThat(disallow.state().sharers()).as("current shares go on").containsExactly(GUEST, HOST);
  }

  @Test
  void aParticipantMayNotAllowSeveralSharers() {
    LiveMeeting m = HostMutationsTest.meeting(false);
    Outcome out = new ShareMutations.AllowMultiShare(GUEST, true).apply(ID, m);
    assertThat(out.accepted()).isFalse();
    assertThat(out.errorCode()).isEqualTo(MeetingMutations.FORBIDDEN);
    assertThat(out.state()).isSameAs(m);
  }

  @Test
  void aSharerWhoLeftBlocksNobody() {
    LiveMeeting m = sharing(GUEST);
    LiveMeeting left = m.withParticipant(m.participants().get(GUEST).with(Presence.LEFT));
    assertThat(new ShareMutations.StartShare(HOST).apply(ID, left).accepted()).isTrue();
  }

  @Test
  void someoneNotJoinedMayNotShare() {
    LiveMeeting m = HostMutationsTest.meeting(false);
    LiveMeeting waiting = m.withParticipant(m.participants().get(GUEST).with(Presence.WAITING));
    assertThat(new ShareMutations.StartShare(GUEST).apply(ID, waiting).errorCode())
        .isEqualTo(MeetingMutations.FORBIDDEN);
  }
}
