package io.confero.store;

import io.confero.meeting.MeetingId;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.Map;

/** The append-only event log of each meeting, keyed by (meeting, epoch). */
public final class EventLogRepository {
  private final Pool pool;

  public EventLogRepository(Pool pool) {
    this.pool = pool;
  }

  public Future<Void> append(MeetingId meeting, long epoch, String type, Map<String, Object> payload) {
    return pool.preparedQuery("INSERT INTO meeting_events (meeting_id, epoch, type, payload) VALUES ($1,$2,$3,$4)"
            + " ON CONFLICT DO NOTHING")
        .execute(Tuple.of(meeting.uuid(), epoch, type, new JsonObject(payload)))
        .mapEmpty();
  }
}
