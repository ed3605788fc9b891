package io.confero.store;

import io.confero.meeting.MeetingId;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

/**
 * The append-only event log of each meeting, keyed by (meeting, epoch). Participant events that
 * webhooks carry are written to the {@link Outbox} in the same transaction, and only when the log
 * row is new, so a replayed append never queues a second delivery.
 */
public final class EventLogRepository {
  /** Log types mirrored into the outbox here (meeting lifecycle events are written by {@link MeetingRepository}). */
  static final Set<String> OUTBOX_TYPES = Set.of("participant.joined", "participant.left",
      "participant.admitted", "participant.removed");

  private final Pool pool;
  private final Clock clock;

  public EventLogRepository(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  public Future<Void> append(MeetingId meeting, long epoch, String type, Map<String, Object> payload) {
    JsonObject body = new JsonObject(payload);
    return pool.withTransaction(tx -> tx.preparedQuery("INSERT INTO meeting_events (meeting_id, epoch, type, payload)"
            + " VALUES ($1,$2,$3,$4) ON CONFLICT DO NOTHING")
        .execute(Tuple.of(meeting.uuid(), epoch, type, body))
        .compose(r -> r.rowCount() == 1 && OUTBOX_TYPES.contains(type)
            ? Outbox.record(tx, Outbox.Event.of(type, meeting, clock.instant(),
                body.copy().put("meeting_id", meeting.value()).put("epoch", epoch)))
            : Future.succeededFuture()));
  }
}
