package io.confero.store;

import io.confero.meeting.MeetingId;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * The write side of the transactional outbox. {@link #record} runs on the caller's transaction
 * (a {@link SqlClient} from {@code pool.withTransaction}), so the event row and its delivery rows
 * exist exactly when the change that caused them committed. The tenant is read from the meeting
 * row; one delivery row is queued for each endpoint of that tenant subscribed to the type.
 */
public final class Outbox {
  /** Event types webhooks and analytics carry. */
  public static final Set<String> TYPES = Set.of("meeting.created", "meeting.started", "meeting.ended",
      "participant.joined", "participant.left", "participant.admitted", "participant.removed",
      "recording.started", "recording.stopped", "recording.ready", "recording.failed", "recording.view_ready",
      "recording.view_failed");

  private static final String RECORD = "WITH ev AS ("
      + " INSERT INTO webhook_events (event_id, tenant_id, type, meeting_id, occurred_at, payload)"
      + " SELECT $1, m.tenant_id, $2, m.meeting_id, $4, $5 FROM meetings m WHERE m.meeting_id = $3"
      + " RETURNING event_id, tenant_id, type, meeting_id, occurred_at)"
      + " INSERT INTO webhook_deliveries (event_id, endpoint_id, ordering_key, status, next_attempt_at, created_at)"
      + " SELECT ev.event_id, e.endpoint_id, ev.meeting_id::text, 'pending', ev.occurred_at, ev.occurred_at"
      + " FROM ev JOIN webhook_endpoints e ON e.tenant_id = ev.tenant_id AND ev.type = ANY (e.events)";

  private Outbox() {}

  /** One domain event about a meeting. */
  public record Event(UUID id, String type, MeetingId meeting, Instant at, JsonObject payload) {
    public static Event of(String type, MeetingId meeting, Instant at, JsonObject payload) {
      return new Event(UUID.randomUUID(), type, meeting, at, payload);
    }
  }

  /** Writes the event and its deliveries on {@code tx}; fails the transaction when the write fails. */
  public static Future<Void> record(SqlClient tx, Event e) {
    return tx.preparedQuery(RECORD).execute(tuple(e)).mapEmpty();
  }

  /** {@link #record} for several events in one pipelined batch. */
  public static Future<Void> recordAll(SqlClient tx, java.util.List<Event> events) {
    return events.isEmpty() ? Future.succeededFuture()
        : tx.preparedQuery(RECORD).executeBatch(events.stream().map(Outbox::tuple).toList()).mapEmpty();
  }

  private static Tuple tuple(Event e) {
    return Tuple.of(e.id(), e.type(), e.meeting().uuid(), MeetingRepository.odt(e.at()), e.payload());
  }
}
