package io.confero.store;

import io.confero.meeting.LiveMeeting;
import io.confero.meeting.LiveParticipant;
import io.confero.meeting.Meeting;
import io.confero.meeting.MeetingDirectory;
import io.confero.meeting.MeetingId;
import io.confero.meeting.MeetingMutation;
import io.confero.meeting.MeetingMutations;
import io.confero.meeting.ParticipantId;
import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A {@link MeetingDirectory} whose live state outlives the cluster: when the cluster holds no state
 * for a meeting that exists in PostgreSQL (the only node restarted, or every member holding the
 * partition died), the state is restored from the last stored {@code meeting_live_state} row, its
 * epoch going on from the event log. Participants who were connected come back marked reconnecting
 * (their sockets died with the node); {@code onRestored} lets the signaling plane give them the
 * reconnect grace. A meeting that never had live state starts fresh, at the log's epoch.
 */
public final class DurableMeetingDirectory implements MeetingDirectory {
  private final MeetingDirectory live;
  private final MeetingRepository meetings;
  private final EventLogRepository log;
  private final Consumer<LiveMeeting> onRestored;

  public DurableMeetingDirectory(MeetingDirectory live, MeetingRepository meetings, EventLogRepository log,
      Consumer<LiveMeeting> onRestored) {
    this.live = live;
    this.meetings = meetings;
    this.log = log;
    this.onRestored = onRestored;
  }

  @Override
  public Future<LiveMeeting> get(MeetingId id) {
    return live.get(id).compose(m -> m != null ? Future.succeededFuture(m) : restore(id));
  }

  @Override
  public Future<MeetingMutation.Outcome> apply(MeetingId id, MeetingMutation mutation) {
    if (mutation instanceof MeetingMutations.Register) { // it would open a fresh state at epoch 0
      return get(id).compose(m -> live.apply(id, mutation));
    }
    return live.apply(id, mutation).compose(out -> out.accepted() || out.state() != null
        ? Future.succeededFuture(out)
        : restore(id).compose(m -> m == null ? Future.succeededFuture(out) : live.apply(id, mutation)));
  }

  @Override
  public Future<Void> remove(MeetingId id) {
    return live.remove(id);
  }

  /** Puts the meeting's stored state back into the cluster; null when the meeting does not exist. */
  private Future<LiveMeeting> restore(MeetingId id) {
    return meetings.findById(id).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(null);
      }
      Meeting m = found.get();
      return log.restorePoint(id).compose(point -> {
        LiveMeeting state = stored(m, point);
        return live.apply(id, new MeetingMutations.Restore(state)).map(out -> {
          if (out.accepted()) {
            onRestored.accept(out.state());
          }
          return out.state();
        });
      });
    });
  }

  private static LiveMeeting stored(Meeting m, EventLogRepository.RestorePoint point) {
    if (point.state() == null) {
      LiveMeeting fresh = LiveMeeting.open(m.id(), m.settings());
      return new LiveMeeting(m.id(), m.settings(), point.epoch(), false, m.status() == Meeting.Status.ENDED,
          fresh.participants(), false, Set.of());
    }
    LiveMeeting s = LiveStateCodec.decode(m.id(), m.settings(), point.state());
    Map<ParticipantId, LiveParticipant> people = new LinkedHashMap<>();
    s.participants().forEach((pid, p) -> people.put(pid,
        p.presence() == LiveParticipant.Presence.JOINED ? p.withReconnecting(true) : p));
    return new LiveMeeting(m.id(), m.settings(), Math.max(s.epoch(), point.epoch()), s.locked(),
        s.ended() || m.status() == Meeting.Status.ENDED, people, s.multiShare(), s.sharers(), s.spotlight());
  }
}
