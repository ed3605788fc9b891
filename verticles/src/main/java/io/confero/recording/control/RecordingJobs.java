package io.confero.recording.control;

import static io.confero.recording.control.RecordingRepository.odt;

import io.confero.store.Outbox;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The durable compositing queue. {@link #claim} leases due jobs with {@code FOR UPDATE SKIP LOCKED}
 * (as the webhook outbox does), so workers on any number of nodes never take the same job; the
 * lease is a {@code next_attempt_at} in the future, so a worker that dies mid-job (a crash, a
 * kill -9) leaves the job to be claimed again when the lease runs out, and compositing starts over
 * from the stored chunks.
 */
public final class RecordingJobs {
  private static final String CLAIM = "WITH due AS (SELECT j.recording_id FROM recording_jobs j"
      + " WHERE j.status = 'pending' AND j.next_attempt_at <= $1 ORDER BY j.next_attempt_at LIMIT $3"
      + " FOR UPDATE SKIP LOCKED)"
      + " UPDATE recording_jobs j SET next_attempt_at = $2, attempts = j.attempts + 1 FROM due, recordings r"
      + " WHERE j.recording_id = due.recording_id AND r.recording_id = j.recording_id"
      + " RETURNING j.recording_id, j.attempts, j.created_at, r.meeting_id, r.started_at, r.stopped_at";

  /** A leased job: which recording, which attempt (1 for the first), and its capture window. */
  public record Claimed(UUID recordingId, int attempt, Instant queuedAt, UUID meetingId, Instant startedAt,
      Instant stoppedAt) {
  }

  private final Pool pool;

  public RecordingJobs(Pool pool) {
    this.pool = pool;
  }

  public Future<List<Claimed>> claim(Instant now, Instant leaseUntil, int limit) {
    return pool.preparedQuery(CLAIM).execute(Tuple.of(odt(now), odt(leaseUntil), limit)).map(rows -> {
      List<Claimed> out = new ArrayList<>();
      rows.forEach(r -> out.add(new Claimed(r.getUUID("recording_id"), r.getInteger("attempts"),
          r.getOffsetDateTime("created_at").toInstant(), r.getUUID("meeting_id"),
          r.getOffsetDateTime("started_at").toInstant(), r.getOffsetDateTime("stopped_at").toInstant())));
      return out;
    });
  }

  /** Marks the recording ready with what compositing produced, and writes {@code recording.ready}. */
  public Future<Void> completed(Claimed job, long durationMs, long sizeBytes, String mediaKey, String encoder,
      JsonArray trackFailures, Instant now, JsonObject payload) {
    return pool.withTransaction(tx -> tx.preparedQuery("UPDATE recordings SET status = 'ready', duration_ms = $2,"
            + " size_bytes = $3, media_key = $4, encoder = $5, track_failures = $6, ready_at = $7, error = NULL"
            + " WHERE recording_id = $1 AND status = 'processing'")
        .execute(Tuple.tuple(List.of(job.recordingId(), durationMs, sizeBytes, mediaKey, encoder, trackFailures, odt(now))))
        .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture()
            : tx.preparedQuery("UPDATE recording_jobs SET status = 'done', last_error = NULL WHERE recording_id = $1")
                .execute(Tuple.of(job.recordingId()))
                .compose(x -> Outbox.record(tx, RecordingRepository.event("recording.ready", job.meetingId(), now, payload))))
        .mapEmpty());
  }

  /**
   * Records a failed attempt: due again at {@code next}; or, when {@code next} is null, given up:
   * the recording is failed and {@code recording.failed} written.
   */
  public Future<Void> failed(Claimed job, Instant next, String error, Instant now, JsonObject payload) {
    String err = error == null ? "unknown error" : error.length() > 1000 ? error.substring(0, 1000) : error;
    if (next != null) {
      return pool.preparedQuery("UPDATE recording_jobs SET next_attempt_at = $2, last_error = $3 WHERE recording_id = $1")
          .execute(Tuple.of(job.recordingId(), odt(next), err)).mapEmpty();
    }
    return pool.withTransaction(tx -> tx.preparedQuery("UPDATE recording_jobs SET status = 'dead', last_error = $2"
            + " WHERE recording_id = $1").execute(Tuple.of(job.recordingId(), err))
        .compose(x -> tx.preparedQuery("UPDATE recordings SET status = 'failed', error = $2 WHERE recording_id = $1"
            + " AND status = 'processing'").execute(Tuple.of(job.recordingId(), err)))
        .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture()
            : Outbox.record(tx, RecordingRepository.event("recording.failed", job.meetingId(), now, payload)))
        .mapEmpty());
  }
}
