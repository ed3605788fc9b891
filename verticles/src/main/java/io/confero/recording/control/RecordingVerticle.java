package io.confero.recording.control;

import io.confero.config.RecordingConfig;
import io.confero.recording.composite.CompositeKind;
import io.confero.recording.composite.Compositor;
import io.confero.recording.composite.EncoderProbe;
import io.confero.recording.store.RecordingStore;
import io.confero.webhook.RetryPolicy;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compositing worker and housekeeper of recordings on this node: at start it stops (as partial)
 * the recordings whose capture died with this node, so their stored chunks are composited; then it
 * claims one queued job at a time (ffmpeg uses every core) and composites it on a worker executor,
 * marking it ready or retrying it with backoff; when no recording waits, it makes one asked-for
 * view (the speaker view, {@link RecordingViews}) the same way; and it deletes raw track chunks
 * past retention.
 */
public final class RecordingVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(RecordingVerticle.class);
  private static final RetryPolicy RETRY = new RetryPolicy(Duration.ofSeconds(30), Duration.ofMinutes(30), Duration.ofDays(7));

  private final RecordingConfig config;
  private final RecordingRepository repo;
  private final RecordingJobs jobs;
  private final RecordingViews views;
  private final RecordingService service;
  private final RecordingStore store;
  private final Clock clock;
  private final java.util.function.Predicate<String> alive;
  private WorkerExecutor worker;
  private Compositor compositor;
  private boolean busy;
  private long sweeps;

  public RecordingVerticle(RecordingConfig config, RecordingRepository repo, RecordingJobs jobs, RecordingViews views,
      RecordingService service, RecordingStore store, Clock clock, java.util.function.Predicate<String> alive) {
    this.config = config;
    this.repo = repo;
    this.jobs = jobs;
    this.views = views;
    this.service = service;
    this.store = store;
    this.clock = clock;
    this.alive = alive;
  }

  @Override
  public Future<?> start() {
    worker = vertx.createSharedWorkerExecutor("recording-compositor", 2, 6, TimeUnit.HOURS);
    return worker.executeBlocking(() -> config.encoder().equals("auto") ? EncoderProbe.detect() : config.encoder(), false)
        .compose(encoder -> {
          LOG.info("compositor encodes with {}", encoder);
          compositor = new Compositor(store, Path.of(config.workDir()), encoder, 1280, 720);
          return recoverInterrupted();
        }).onSuccess(v -> vertx.setPeriodic(config.compositorPollInterval().toMillis(), id -> tick()));
  }

  @Override
  public Future<?> stop() {
    return worker == null ? Future.succeededFuture() : worker.close();
  }

  /**
   * Recordings in progress whose capturing node is no longer a cluster member (it crashed, or this
   * node restarted under a new member id) are stopped as partial: chunks their capture left in this
   * node's work folder (the open ones included: the reader keeps what precedes a cut) are uploaded
   * first, then the stored chunks are composited.
   */
  private Future<Void> recoverInterrupted() {
    return repo.inProgress().compose(rows -> {
      Future<Void> chain = Future.succeededFuture();
      for (var e : rows.entrySet()) {
        if (!alive.test(e.getValue())) {
          UUID id = e.getKey();
          chain = chain.compose(v -> worker.executeBlocking(() -> uploadLeftovers(id), false))
              .compose(last -> repo.stop(id, "recovery", last != null ? last : clock.instant(), true, service::payload))
              .onSuccess(r -> LOG.warn("recording {} was cut short (its node {} is gone); compositing what was stored,"
                  + " marked partial", id, e.getValue())).mapEmpty();
        }
      }
      return chain;
    });
  }

  /** Uploads what the capture left locally; returns when it was last written (the partial end), or null. */
  private Instant uploadLeftovers(UUID id) throws java.io.IOException {
    Path dir = Path.of(config.workDir()).resolve(id.toString());
    if (!java.nio.file.Files.isDirectory(dir)) {
      return null;
    }
    Instant last = null;
    try (var files = java.nio.file.Files.list(dir)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".cfrt")).toList()) {
        Instant written = java.nio.file.Files.getLastModifiedTime(f).toInstant();
        last = last == null || written.isAfter(last) ? written : last;
        store.put(Compositor.tracksPrefix(id.toString()) + f.getFileName(), f);
        java.nio.file.Files.delete(f);
      }
    }
    return last;
  }

  private void tick() {
    if (++sweeps % 30 == 0) {
      sweepRetention();
      recoverInterrupted().onFailure(e -> LOG.warn("recovering interrupted recordings failed: {}", e.toString()));
    }
    if (busy) {
      return;
    }
    busy = true;
    Instant now = clock.instant();
    jobs.claim(now, now.plus(Duration.ofMinutes(10)), 1)
        .compose(claimed -> !claimed.isEmpty() ? run(claimed.get(0))
            : views.claim(now, now.plus(Duration.ofMinutes(10)), 1)
                .compose(v -> v.isEmpty() ? Future.succeededFuture() : runView(v.get(0))))
        .onComplete(x -> {
          busy = false;
          if (x.failed()) {
            LOG.warn("compositor poll failed: {}", x.cause().toString());
          }
        });
  }

  private Future<Compositor.Result> composite(RecordingJobs.Claimed job, CompositeKind kind) {
    double seconds = Math.max(0.5, Duration.between(job.startedAt(), job.stoppedAt()).toMillis() / 1000.0);
    long startMicros = job.startedAt().getEpochSecond() * 1_000_000L + job.startedAt().getNano() / 1000;
    return repo.names(job.meetingId()).compose(names -> worker.executeBlocking(
        () -> compositor.composite(job.recordingId().toString(), kind, startMicros, seconds, names), false));
  }

  /** When a failed attempt {@code attempt} of a job queued at {@code queuedAt} is due again; null: give up. */
  private Instant retryAt(int attempt, Instant queuedAt, Instant now) {
    return attempt >= config.compositorMaxAttempts() ? null
        : RETRY.next(attempt, queuedAt, now, ThreadLocalRandom.current().nextDouble()).orElse(null);
  }

  /** Makes an asked-for view; a view whose raw tracks are gone fails at once (no retry can help). */
  private Future<Void> runView(RecordingViews.Claimed c) {
    RecordingJobs.Claimed job = c.job();
    JsonObject base = base(job).put("view", c.kind().wire());
    Future<Compositor.Result> made = c.rawDeleted()
        ? Future.failedFuture(new java.io.IOException("the raw tracks were deleted (recording.raw_retention)"))
        : composite(job, c.kind());
    return made.compose(result -> {
      Instant now = clock.instant();
      DownloadLinks.Link link = service.links().link(job.recordingId(), c.kind().wire(), now);
      LOG.info("{} view of recording {} ready: {} bytes, {} ms after it was asked for", c.kind().wire(),
          job.recordingId(), result.bytes(), Duration.between(job.queuedAt(), now).toMillis());
      return views.completed(c, Math.round(result.seconds() * 1000), result.bytes(), result.key(), result.encoder(), now,
          base.copy().put("status", "ready").put("duration_seconds", result.seconds()).put("size_bytes", result.bytes())
              .put("download_url", link.url()).put("download_expires_at", link.expiresAt().toString()));
    }, error -> {
      Instant now = clock.instant();
      Instant next = c.rawDeleted() ? null : retryAt(job.attempt(), job.queuedAt(), now);
      LOG.warn("{} view of recording {} failed (attempt {}): {}", c.kind().wire(), job.recordingId(), job.attempt(),
          error.getMessage());
      return views.failed(c, next, error.getMessage(), now,
          base.copy().put("status", "failed").put("error", String.valueOf(error.getMessage())));
    });
  }

  private Future<Void> run(RecordingJobs.Claimed job) {
    return composite(job, CompositeKind.GALLERY)
        .compose(result -> {
          JsonArray failures = new JsonArray();
          result.failures().forEach(f -> failures.add(new JsonObject().put("track", f.trackId()).put("reason", f.reason())));
          Instant now = clock.instant();
          DownloadLinks.Link link = service.links().link(job.recordingId(), now);
          JsonObject payload = base(job).put("status", "ready").put("duration_seconds", result.seconds())
              .put("size_bytes", result.bytes()).put("download_url", link.url())
              .put("download_expires_at", link.expiresAt().toString()).put("track_failures", failures);
          LOG.info("recording {} ready: {} s of meeting composited with {}, {} bytes, {} ms after it stopped",
              job.recordingId(), result.seconds(), result.encoder(), result.bytes(),
              Duration.between(job.stoppedAt(), now).toMillis());
          return jobs.completed(job, Math.round(result.seconds() * 1000), result.bytes(), result.key(),
              result.encoder(), failures, now, payload);
        }, error -> {
          Instant now = clock.instant();
          Instant next = retryAt(job.attempt(), job.queuedAt(), now);
          LOG.warn("compositing recording {} failed (attempt {}): {}", job.recordingId(), job.attempt(), error.getMessage());
          return jobs.failed(job, next, error.getMessage(), now,
              base(job).put("status", "failed").put("error", String.valueOf(error.getMessage())));
        });
  }

  private static JsonObject base(RecordingJobs.Claimed job) {
    return new JsonObject().put("recording_id", job.recordingId().toString()).put("meeting_id", job.meetingId().toString())
        .put("started_at", job.startedAt().toString()).put("stopped_at", job.stoppedAt().toString());
  }

  private void sweepRetention() {
    Instant now = clock.instant();
    repo.rawExpired(now.minus(config.rawRetention()), 20).compose(ids -> {
      Future<Void> chain = Future.succeededFuture();
      for (UUID id : ids) {
        chain = chain.compose(v -> worker.executeBlocking(() -> store.deleteAll(Compositor.tracksPrefix(id.toString())), false))
            .compose(n -> repo.rawDeleted(id, now));
      }
      return chain;
    }).onFailure(e -> LOG.warn("raw track retention sweep failed: {}", e.toString()));
  }
}
