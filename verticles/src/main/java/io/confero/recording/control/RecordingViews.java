package io.confero.recording.control;

import static io.confero.recording.control.RecordingRepository.instant;
import static io.confero.recording.control.RecordingRepository.odt;

import io.confero.recording.composite.CompositeKind;
import io.confero.store.Outbox;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * On-demand views of recordings (the speaker view) in PostgreSQL: one row per recording and view is
 * the durable job and, once composited, its result. {@link #request} queues a view at most once (a
 * second request while it is pending or ready changes nothing; one after it failed queues it
 * again); {@link #claim} leases due views with {@code FOR UPDATE SKIP LOCKED} exactly as
 * {@link RecordingJobs#claim} does, so a worker that dies mid-view leaves it to be claimed again.
 */
public final class RecordingViews {
  private static final String COLUMNS = "recording_id, kind, status, attempts, created_at, last_error, duration_ms,"
      + " size_bytes, media_key, ready_at";
  private static final String CLAIM = "WITH due AS (SELECT v.recording_id, v.kind FROM recording_views v"
      + " WHERE v.status = 'pending' AND v.next_attempt_at <= $1 ORDER BY v.next_attempt_at LIMIT $3"
      + " FOR UPDATE SKIP LOCKED)"
      + " UPDATE recording_views v SET next_attempt_at = $2, attempts = v.attempts + 1 FROM due, recordings r"
      + " WHERE v.recording_id = due.recording_id AND v.kind = due.kind AND r.recording_id = v.recording_id"
      + " RETURNING v.recording_id, v.kind, v.attempts, v.created_at, r.meeting_id, r.started_at, r.stopped_at,"
      + " r.raw_deleted_at";

  /** Where a view is. */
  public enum Status {
    PENDING, READY, FAILED;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** One view of a recording, as stored. */
  public record View(UUID recordingId, CompositeKind kind, Status status, int attempts, Instant requestedAt,
      String error, Long durationMs, Long sizeBytes, String mediaKey, Instant readyAt) {
  }

  /** A leased view job: the recording's job fields, which view, and whether its raw tracks are gone. */
  public record Claimed(RecordingJobs.Claimed job, CompositeKind kind, boolean rawDeleted) {
  }

  private final Pool pool;

  public RecordingViews(Pool pool) {
    this.pool = pool;
  }

  /** Queues the view unless it is pending or ready already; answers the view as it then stands. */
  public Future<View> request(UUID recording, CompositeKind kind, Instant now) {
    return pool.preparedQuery("INSERT INTO recording_views (recording_id, kind, status, next_attempt_at, created_at)"
            + " VALUES ($1, $2, 'pending', $3, $3) ON CONFLICT (recording_id, kind) DO UPDATE SET status = 'pending',"
            + " attempts = 0, next_attempt_at = EXCLUDED.next_attempt_at, created_at = EXCLUDED.created_at,"
            + " last_error = NULL WHERE recording_views.status = 'failed'")
        .execute(Tuple.of(recording, kind.wire(), odt(now)))
        .compose(x -> find(recording, kind)).map(Optional::orElseThrow);
  }

  public Future<Optional<View>> find(UUID recording, CompositeKind kind) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM recording_views WHERE recording_id = $1 AND kind = $2")
        .execute(Tuple.of(recording, kind.wire()))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(view(rows.iterator().next())));
  }

  public Future<List<Claimed>> claim(Instant now, Instant leaseUntil, int limit) {
    return pool.preparedQuery(CLAIM).execute(Tuple.of(odt(now), odt(leaseUntil), limit)).map(rows -> {
      List<Claimed> out = new ArrayList<>();
      rows.forEach(r -> out.add(new Claimed(new RecordingJobs.Claimed(r.getUUID("recording_id"), r.getInteger("attempts"),
          r.getOffsetDateTime("created_at").toInstant(), r.getUUID("meeting_id"),
          r.getOffsetDateTime("started_at").toInstant(), r.getOffsetDateTime("stopped_at").toInstant()),
          CompositeKind.ofWire(r.getString("kind")).orElseThrow(), r.getOffsetDateTime("raw_deleted_at") != null)));
      return out;
    });
  }

  /** Marks the view ready with what compositing produced, and writes {@code recording.view_ready}. */
  public Future<Void> completed(Claimed c, long durationMs, long sizeBytes, String mediaKey, String encoder,
      Instant now, JsonObject payload) {
    return pool.withTransaction(tx -> tx.preparedQuery("UPDATE recording_views SET status = 'ready', duration_ms = $3,"
            + " size_bytes = $4, media_key = $5, encoder = $6, ready_at = $7, last_error = NULL"
            + " WHERE recording_id = $1 AND kind = $2 AND status = 'pending'")
        .execute(Tuple.tuple(List.of(c.job().recordingId(), c.kind().wire(), durationMs, sizeBytes, mediaKey, encoder,
            odt(now))))
        .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture()
            : Outbox.record(tx, RecordingRepository.event("recording.view_ready", c.job().meetingId(), now, payload)))
        .mapEmpty());
  }

  /**
   * Records a failed attempt: due again at {@code next}; or, when {@code next} is null, given up:
   * the view is failed and {@code recording.view_failed} written.
   */
  public Future<Void> failed(Claimed c, Instant next, String error, Instant now, JsonObject payload) {
    String err = error == null ? "unknown error" : error.length() > 1000 ? error.substring(0, 1000) : error;
    Tuple key = Tuple.of(c.job().recordingId(), c.kind().wire(), err);
    if (next != null) {
      return pool.preparedQuery("UPDATE recording_views SET next_attempt_at = $4, last_error = $3"
          + " WHERE recording_id = $1 AND kind = $2").execute(key.addOffsetDateTime(odt(next))).mapEmpty();
    }
    return pool.withTransaction(tx -> tx.preparedQuery("UPDATE recording_views SET status = 'failed', last_error = $3"
            + " WHERE recording_id = $1 AND kind = $2 AND status = 'pending'").execute(key)
        .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture()
            : Outbox.record(tx, RecordingRepository.event("recording.view_failed", c.job().meetingId(), now, payload)))
        .mapEmpty());
  }

  private static View view(Row r) {
    return new View(r.getUUID("recording_id"), CompositeKind.ofWire(r.getString("kind")).orElseThrow(),
        Status.valueOf(r.getString("status").toUpperCase(Locale.ROOT)), r.getInteger("attempts"),
        instant(r.getOffsetDateTime("created_at")), r.getString("last_error"), r.getLong("duration_ms"),
        r.getLong("size_bytes"), r.getString("media_key"), instant(r.getOffsetDateTime("ready_at")));
  }
}
