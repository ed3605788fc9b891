package io.confero.meeting;

import io.confero.codecs.turn.SeatEnded;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * A {@link MeetingDirectory} that tells when seats end: after an accepted {@code participant.left}
 * or {@code participant.removed} it emits a {@link SeatEnded} for that participant, after
 * {@code meeting.ended} one for the whole meeting. The composition root publishes them to the TURN
 * servers of every node, so credentials end with the seat instead of living out their TTL. The
 * notice follows the accepted mutation, never a refused one; a reconnect within the grace is not
 * a leave (no {@code participant.left} until the grace runs out).
 */
public final class SeatEndNotices implements MeetingDirectory {
  private final MeetingDirectory inner;
  private final Clock clock;
  private final Consumer<SeatEnded> sink;

  public SeatEndNotices(MeetingDirectory inner, Clock clock, Consumer<SeatEnded> sink) {
    this.inner = inner;
    this.clock = clock;
    this.sink = sink;
  }

  @Override
  public Future<LiveMeeting> get(MeetingId id) {
    return inner.get(id);
  }

  @Override
  public Future<MeetingMutation.Outcome> apply(MeetingId id, MeetingMutation mutation) {
    return inner.apply(id, mutation).onSuccess(out -> {
      SeatEnded notice = out.accepted() ? noticeOf(id, out) : null;
      if (notice != null) {
        sink.accept(notice);
      }
    });
  }

  @Override
  public Future<Void> remove(MeetingId id) {
    return inner.remove(id);
  }

  /** The seat (or meeting) an accepted outcome ends, or null. */
  SeatEnded noticeOf(MeetingId id, MeetingMutation.Outcome out) {
    long now = clock.instant().getEpochSecond();
    String type = out.eventType() == null ? "" : out.eventType();
    switch (type) {
      case "participant.left", "participant.removed" -> {
        Object who = out.eventPayload().get("participant_id");
        return who == null ? null : new SeatEnded(id.value(), who.toString(), now);
      }
      case "meeting.ended" -> {
        return SeatEnded.wholeMeeting(id.value(), now);
      }
      default -> {
        return null;
      }
    }
  }
}
