package io.confero.recording.control;

import io.confero.recording.composite.CompositeKind;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Optional;

/**
 * The on-demand views of a recording (the speaker view): made only when asked for, from the raw
 * tracks, once. A view can be asked for once the recording has stopped and while its raw tracks are
 * kept ({@code recording.raw_retention}); a ready view stays downloadable after they are deleted.
 * Refusals are {@link RecordingConflict}s with stable codes.
 */
public final class RecordingViewService {
  /** The raw tracks were deleted (retention) before the view was made: it can no longer be. */
  public static final String RAW_DELETED = "raw-tracks-deleted";

  private final RecordingViews views;
  private final DownloadLinks links;
  private final Clock clock;

  public RecordingViewService(RecordingViews views, DownloadLinks links, Clock clock) {
    this.views = views;
    this.links = links;
    this.clock = clock;
  }

  /** Queues the {@code kind} view of {@code r} unless it is queued or made; answers it as it stands. */
  public Future<RecordingViews.View> request(Recording r, CompositeKind kind) {
    if (r.status() == RecordingStatus.RECORDING) {
      return Future.failedFuture(new RecordingConflict(RecordingService.STILL_RECORDING,
          "the recording is in progress: stop it before asking for a view of it"));
    }
    return views.find(r.id(), kind).compose(existing -> {
      if (existing.isPresent() && existing.get().status() == RecordingViews.Status.READY) {
        return Future.succeededFuture(existing.get());
      }
      if (r.rawDeletedAt() != null) {
        return Future.failedFuture(new RecordingConflict(RAW_DELETED, "the recording's raw tracks were deleted at "
            + r.rawDeletedAt() + " (recording.raw_retention): the " + kind.wire() + " view can no longer be made"));
      }
      return views.request(r.id(), kind, clock.instant());
    });
  }

  public Future<Optional<RecordingViews.View>> find(Recording r, CompositeKind kind) {
    return views.find(r.id(), kind);
  }

  /** The REST body (and webhook payload) of a view; a ready one carries a fresh signed link. */
  public JsonObject payload(RecordingViews.View v) {
    JsonObject o = new JsonObject().put("recording_id", v.recordingId().toString()).put("view", v.kind().wire())
        .put("status", v.status().wire()).put("requested_at", v.requestedAt().toString());
    if (v.durationMs() != null) {
      o.put("duration_seconds", v.durationMs() / 1000.0);
    }
    if (v.sizeBytes() != null) {
      o.put("size_bytes", v.sizeBytes());
    }
    if (v.status() == RecordingViews.Status.READY) {
      DownloadLinks.Link link = links.link(v.recordingId(), v.kind().wire(), clock.instant());
      o.put("download_url", link.url()).put("download_expires_at", link.expiresAt().toString());
    }
    if (v.error() != null) {
      o.put("error", v.error());
    }
    return o;
  }
}
