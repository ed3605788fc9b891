package io.confero.recording.control;

import io.confero.meeting.MeetingId;
import io.confero.store.Outbox;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Recordings and their compositing jobs in PostgreSQL. Every state change that integrators hear of
 * writes its webhook event through the {@link Outbox} in the same transaction.
 */
public final class RecordingRepository {
  static final String COLUMNS = "recording_id, meeting_id, tenant_id, status, started_by, node_id, started_at,"
      + " stopped_at, stopped_by, partial, duration_ms, size_bytes, media_key, encoder, error, track_failures,"
      + " ready_at, raw_deleted_at";

  /** Why a start was refused by the database. */
  public enum StartRefusal { ALREADY_RECORDING }

  private final Pool pool;

  public RecordingRepository(Pool pool) {
    this.pool = pool;
  }

  /** Inserts a started recording and its {@code recording.started} event; fails with ALREADY_RECORDING. */
  public Future<Recording> start(Recording r, JsonObject eventPayload) {
    return pool.withTransaction(tx -> tx.preparedQuery("INSERT INTO recordings (recording_id, meeting_id, tenant_id,"
            + " status, started_by, node_id, started_at) VALUES ($1, $2, $3, 'recording', $4, $5, $6)")
        .execute(Tuple.of(r.id(), r.meetingId(), r.tenant(), r.startedBy(), r.nodeId(), odt(r.startedAt())))
        .compose(x -> Outbox.record(tx, event("recording.started", r.meetingId(), r.startedAt(), eventPayload)))
        .map(r)).recover(e -> Future.failedFuture(e instanceof PgException pg && "23505".equals(pg.getSqlState())
            ? new RecordingConflict(StartRefusal.ALREADY_RECORDING.name(), "the meeting is already being recorded") : e));
  }

  /**
   * Stops a recording in progress: marks it processing, queues its compositing job and writes
   * {@code recording.stopped}. Empty when it was not in progress.
   */
  public Future<Optional<Recording>> stop(UUID id, String by, Instant now, boolean partial,
      java.util.function.Function<Recording, JsonObject> payload) {
    return pool.withTransaction(tx -> tx.preparedQuery("UPDATE recordings SET status = 'processing', stopped_at = $2,"
            + " stopped_by = $3, partial = $4 WHERE recording_id = $1 AND status = 'recording' RETURNING " + COLUMNS)
        .execute(Tuple.of(id, odt(now), by, partial)).compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(Optional.<Recording>empty());
          }
          Recording r = recording(rows.iterator().next());
          return tx.preparedQuery("INSERT INTO recording_jobs (recording_id, status, next_attempt_at, created_at)"
                  + " VALUES ($1, 'pending', $2, $2) ON CONFLICT DO NOTHING").execute(Tuple.of(id, odt(now)))
              .compose(x -> Outbox.record(tx, event("recording.stopped", r.meetingId(), now, payload.apply(r))))
              .map(Optional.of(r));
        }));
  }

  public Future<Optional<Recording>> find(String tenant, UUID id) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM recordings WHERE recording_id = $1 AND tenant_id = $2")
        .execute(Tuple.of(id, tenant)).map(rows -> rows.size() == 0 ? Optional.empty()
            : Optional.of(recording(rows.iterator().next())));
  }

  /** A recording by id alone (for signed download links, whose signature is the authority). */
  public Future<Optional<Recording>> findById(UUID id) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM recordings WHERE recording_id = $1")
        .execute(Tuple.of(id)).map(rows -> rows.size() == 0 ? Optional.empty()
            : Optional.of(recording(rows.iterator().next())));
  }

  /** The meeting's recording in progress, if any. */
  public Future<Optional<Recording>> active(MeetingId meeting) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM recordings WHERE meeting_id = $1 AND status = 'recording'")
        .execute(Tuple.of(meeting.uuid())).map(rows -> rows.size() == 0 ? Optional.empty()
            : Optional.of(recording(rows.iterator().next())));
  }

  public Future<List<Recording>> list(String tenant, MeetingId meeting) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM recordings WHERE meeting_id = $1 AND tenant_id = $2"
        + " ORDER BY started_at DESC, recording_id").execute(Tuple.of(meeting.uuid(), tenant)).map(rows -> {
          List<Recording> out = new ArrayList<>();
          rows.forEach(r -> out.add(recording(r)));
          return out;
        });
  }

  /** Deletes a recording that is not in progress; false when there is none such. */
  public Future<Boolean> delete(String tenant, UUID id) {
    return pool.preparedQuery("DELETE FROM recordings WHERE recording_id = $1 AND tenant_id = $2"
        + " AND status <> 'recording'").execute(Tuple.of(id, tenant)).map(rows -> rows.rowCount() == 1);
  }

  /** Recordings in progress with the node that captures each (recording id → node id). */
  public Future<java.util.Map<UUID, String>> inProgress() {
    return pool.preparedQuery("SELECT recording_id, node_id FROM recordings WHERE status = 'recording'")
        .execute().map(rows -> {
          java.util.Map<UUID, String> out = new java.util.LinkedHashMap<>();
          rows.forEach(r -> out.put(r.getUUID(0), r.getString(1)));
          return out;
        });
  }

  /**
   * Finished recordings stopped before {@code before} whose raw tracks are still kept, and which no
   * view waits for (a view asked for in time is made before the tracks go).
   */
  public Future<List<UUID>> rawExpired(Instant before, int limit) {
    return pool.preparedQuery("SELECT recording_id FROM recordings WHERE raw_deleted_at IS NULL"
        + " AND status IN ('ready', 'failed') AND stopped_at < $1 AND NOT EXISTS (SELECT 1 FROM recording_views v"
        + " WHERE v.recording_id = recordings.recording_id AND v.status = 'pending')"
        + " ORDER BY stopped_at LIMIT $2")
        .execute(Tuple.of(odt(before), limit)).map(rows -> {
          List<UUID> out = new ArrayList<>();
          rows.forEach(r -> out.add(r.getUUID(0)));
          return out;
        });
  }

  /** Display names of the meeting's participants by participant id (for the layout's labels). */
  public Future<java.util.Map<String, String>> names(UUID meetingId) {
    return pool.preparedQuery("SELECT participant_id, display_name FROM participants WHERE meeting_id = $1")
        .execute(Tuple.of(meetingId)).map(rows -> {
          java.util.Map<String, String> out = new java.util.HashMap<>();
          rows.forEach(r -> out.put(r.getUUID(0).toString(), r.getString(1)));
          return out;
        });
  }

  public Future<Void> rawDeleted(UUID id, Instant at) {
    return pool.preparedQuery("UPDATE recordings SET raw_deleted_at = $2 WHERE recording_id = $1")
        .execute(Tuple.of(id, odt(at))).mapEmpty();
  }

  static Outbox.Event event(String type, UUID meeting, Instant at, JsonObject payload) {
    return Outbox.Event.of(type, new MeetingId(meeting.toString()), at, payload);
  }

  static Recording recording(Row r) {
    Object failures = r.getJson("track_failures");
    return new Recording(r.getUUID("recording_id"), r.getUUID("meeting_id"), r.getString("tenant_id"),
        RecordingStatus.ofWire(r.getString("status")), r.getString("started_by"), r.getString("node_id"),
        instant(r.getOffsetDateTime("started_at")), instant(r.getOffsetDateTime("stopped_at")),
        r.getString("stopped_by"), r.getBoolean("partial"), r.getLong("duration_ms"), r.getLong("size_bytes"),
        r.getString("media_key"), r.getString("encoder"), r.getString("error"),
        failures instanceof JsonArray a ? a : new JsonArray(), instant(r.getOffsetDateTime("ready_at")),
        instant(r.getOffsetDateTime("raw_deleted_at")));
  }

  static OffsetDateTime odt(Instant i) {
    return i == null ? null : i.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }

  /** Runs {@code work} on a transaction (for the job queue). */
  <T> Future<T> inTransaction(java.util.function.Function<SqlClient, Future<T>> work) {
    return pool.withTransaction(work::apply);
  }
}
