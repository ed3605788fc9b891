package io.confero.signaling;

import io.confero.meeting.LiveMeeting;
import io.confero.meeting.MeetingDirectory;
import io.confero.meeting.MeetingId;
import io.confero.meeting.MeetingMutation;
import io.confero.meeting.MeetingMutations;
import io.confero.meeting.ShareMutations;
import io.confero.store.EventLogRepository;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The meeting's live state as signaling changes it: each mutation runs on the partition owner
 * ({@link MeetingDirectory}) and an accepted one with an event is appended to the durable event
 * log. Counts the appends in flight so a draining node waits for them.
 */
final class LiveState {
  private static final Logger LOG = LoggerFactory.getLogger(LiveState.class);

  private final MeetingDirectory directory;
  private final EventLogRepository events;
  /** Mutations whose event-log append has not finished yet (a drain waits for them before the pool closes). */
  private int pendingAppends;

  LiveState(MeetingDirectory directory, EventLogRepository events) {
    this.directory = directory;
    this.events = events;
  }

  Future<LiveMeeting> get(MeetingId meeting) {
    return directory.get(meeting);
  }

  Future<MeetingMutation.Outcome> mutate(Connection conn, MeetingMutation m) {
    // pending from the start: a drain that sees none in flight must not close the pool while a
    // mutation (a leave racing the shutdown) is still on its way to the log
    pendingAppends++;
    return directory.apply(conn.principal.meeting(), m).compose(out -> {
      if (out.accepted() && out.eventType() != null) {
        events.append(conn.principal.meeting(), out.state(), out.eventType(), out.eventPayload())
            .onComplete(x -> pendingAppends--)
            .onFailure(e -> LOG.error("event log append failed: {} at epoch {} of meeting {} is lost", out.eventType(),
                out.state().epoch(), conn.meetingId(), e));
      } else {
        pendingAppends--;
      }
      return Future.succeededFuture(out);
    }, e -> {
      pendingAppends--;
      return Future.failedFuture(e);
    });
  }

  /**
   * Applies a mutation and fails with a {@link SignalingError} carrying the stable code when the
   * live state refuses it (nothing changed then).
   */
  Future<MeetingMutation.Outcome> mutateOrFail(Connection conn, MeetingMutation m) {
    return mutate(conn, m).compose(out -> out.accepted() ? Future.succeededFuture(out)
        : Future.failedFuture(refusal(out.errorCode())));
  }

  int pendingAppends() {
    return pendingAppends;
  }

  static SignalingError refusal(String code) {
    return switch (code) {
      case MeetingMutations.FORBIDDEN -> new SignalingError("forbidden", "only a host may do this");
      case MeetingMutations.NO_PARTICIPANT -> new SignalingError("no-such-participant",
          "no such participant in this meeting (or not in a state this action applies to)");
      case MeetingMutations.ENDED, MeetingMutations.NOT_FOUND -> new SignalingError("meeting-ended",
          "the meeting has ended");
      case ShareMutations.SHARE_IN_PROGRESS -> new SignalingError("share-in-progress",
          "someone else is sharing their screen; a host can allow several people to share at once");
      default -> new SignalingError("bad-message", "refused: " + code);
    };
  }
}
