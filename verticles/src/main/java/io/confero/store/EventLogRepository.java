package io.confero.store;

import io.confero.meeting.LiveMeeting;
import io.confero.meeting.MeetingId;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

/**
 * The append-only event log of each meeting, keyed by (meeting, epoch). Participant events that
 * webhooks carry are written to the {@link Outbox} in the same transaction, and so is the meeting's
 * live state after the event ({@code meeting_live_state}), from which a restarted node restores it.
 * An epoch that is already logged is a failure, never a silent no-op: epochs only grow, across
 * restarts too (a restored meeting goes on from {@link RestorePoint#epoch}).
 */
public final class EventLogRepository {
  /** Log types mirrored into the outbox here (meeting lifecycle events are written by {@link MeetingRepository}). */
  static final Set<String> OUTBOX_TYPES = Set.of("participant.joined", "participant.left",
      "participant.admitted", "participant.removed");

  private static final String SNAPSHOT = "INSERT INTO meeting_live_state (meeting_id, epoch, state, updated_at)"
      + " VALUES ($1,$2,$3,now()) ON CONFLICT (meeting_id) DO UPDATE SET epoch = EXCLUDED.epoch,"
      + " state = EXCLUDED.state, updated_at = EXCLUDED.updated_at WHERE meeting_live_state.epoch < EXCLUDED.epoch";

  private final Pool pool;
  private final Clock clock;

  public EventLogRepository(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  /** Appends the event that produced {@code state} (at its epoch) and stores that state. */
  public Future<Void> append(MeetingId meeting, LiveMeeting state, String type, Map<String, Object> payload) {
    JsonObject body = new JsonObject(payload);
    long epoch = state.epoch();
    return pool.withTransaction(tx -> tx.preparedQuery("INSERT INTO meeting_events (meeting_id, epoch, type, payload)"
            + " VALUES ($1,$2,$3,$4)")
        .execute(Tuple.of(meeting.uuid(), epoch, type, body))
        .compose(r -> tx.preparedQuery(SNAPSHOT).execute(Tuple.of(meeting.uuid(), epoch, LiveStateCodec.encode(state))))
        .compose(r -> OUTBOX_TYPES.contains(type)
            ? Outbox.record(tx, Outbox.Event.of(type, meeting, clock.instant(),
                body.copy().put("meeting_id", meeting.value()).put("epoch", epoch)))
            : Future.succeededFuture()));
  }

  /** Where a meeting's live state left off: the last stored state (null when none) and the highest logged epoch. */
  public record RestorePoint(JsonObject state, long epoch) {}

  public Future<RestorePoint> restorePoint(MeetingId meeting) {
    return pool.preparedQuery("SELECT (SELECT state FROM meeting_live_state WHERE meeting_id = $1) AS state,"
            + " (SELECT coalesce(max(epoch), 0) FROM meeting_events WHERE meeting_id = $1) AS epoch")
        .execute(Tuple.of(meeting.uuid())).map(rows -> {
          Row r = rows.iterator().next();
          Object state = r.getValue("state");
          return new RestorePoint(state instanceof JsonObject j ? j : null, r.getLong("epoch"));
        });
  }
}
