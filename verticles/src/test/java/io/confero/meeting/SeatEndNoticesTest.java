package io.confero.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.codecs.turn.SeatEnded;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeatEndNoticesTest {
  private final List<SeatEnded> sent = new ArrayList<>();
  private final SeatEndNotices notices = new SeatEndNotices(new InMemoryMeetingDirectory(),
      Clock.fixed(Instant.ofEpochSecond(1_000), ZoneOffset.UTC), sent::add);
  private final MeetingId m = new MeetingId("0b8f4c1e-2a7d-4f55-9b6e-3c1d2e4f5a60");

  @Test
  void leavesRemovalsAndMeetingEndsBecomeNoticesAndNothingElseDoes() {
    MeetingMutation.Outcome left = MeetingMutation.Outcome.accepted(null, "participant.left",
        Map.of("participant_id", "p1", "reason", "left"));
    MeetingMutation.Outcome removed = MeetingMutation.Outcome.accepted(null, "participant.removed",
        Map.of("by", "h", "participant_id", "p2"));
    MeetingMutation.Outcome ended = MeetingMutation.Outcome.accepted(null, "meeting.ended", Map.of("by", "h"));
    MeetingMutation.Outcome raised = MeetingMutation.Outcome.accepted(null, "hand.raised",
        Map.of("participant_id", "p1"));
    assertThat(notices.noticeOf(m, left)).isEqualTo(new SeatEnded(m.value(), "p1", 1_000));
    assertThat(notices.noticeOf(m, removed)).isEqualTo(new SeatEnded(m.value(), "p2", 1_000));
    assertThat(notices.noticeOf(m, ended)).isEqualTo(SeatEnded.wholeMeeting(m.value(), 1_000));
    assertThat(notices.noticeOf(m, raised)).isNull();
  }

  @Test
  void onlyAcceptedMutationsAreAnnounced() throws Exception {
    // the meeting does not exist in the directory: the Leave is refused, nothing is sent
    MeetingMutation.Outcome out = notices.apply(m, new MeetingMutations.Leave(new ParticipantId("5d2c9a7e-1b3f-4c8d-a6e2-7f9b0c1d2e3f"), "left"))
        .toCompletionStage().toCompletableFuture().get();
    assertThat(out.accepted()).isFalse();
    assertThat(sent).isEmpty();
  }
}
