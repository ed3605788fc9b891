package io.confero.api;

import io.confero.recording.composite.CompositeKind;
import io.confero.recording.control.RecordingService;
import io.confero.recording.control.RecordingViews;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/**
 * The on-demand views of a recording (issue 15's speaker view), made only when asked for:
 * {@code POST /api/v1/meetings/{id}/recordings/{rid}/views/{view}} queues it (202, or 200 when it is
 * made already; asking again does not make it again), {@code GET} on the same path tells how it
 * stands (202 with {@code Retry-After} while it is made, 200 when ready with a signed
 * {@code download_url}, or failed), and {@code /recordings/{rid}/views/{view}/download} serves it
 * through the signed link. Views: {@code speaker}.
 */
final class RecordingViewsApi {
  /** Seconds a client is told to wait before asking again while a view is made. */
  static final int RETRY_AFTER_S = 5;

  private final RecordingsApi api;
  private final RecordingService recordings;

  RecordingViewsApi(RecordingsApi api, RecordingService recordings) {
    this.api = api;
    this.recordings = recordings;
  }

  void mount(Router r) {
    r.post("/api/v1/meetings/:id/recordings/:rid/views/:view").handler(this::request);
    r.get("/api/v1/meetings/:id/recordings/:rid/views/:view").handler(this::get);
    r.get("/recordings/:rid/views/:view/download").handler(this::download);
  }

  void request(RoutingContext ctx) {
    CompositeKind kind = kind(ctx);
    var p = ApiAuth.principal(ctx);
    api.owned(ctx, p.tenant().value()).compose(rec -> recordings.views().request(rec, kind))
        .onSuccess(v -> answer(ctx, v, true)).onFailure(e -> ctx.fail(RecordingsApi.problem(e)));
  }

  void get(RoutingContext ctx) {
    CompositeKind kind = kind(ctx);
    var p = ApiAuth.principal(ctx);
    api.owned(ctx, p.tenant().value()).compose(rec -> recordings.views().find(rec, kind))
        .onSuccess(found -> {
          if (found.isEmpty()) {
            ctx.fail(new ApiException(404, "not-found", "the " + kind.wire() + " view was not asked for: POST "
                + ctx.request().path() + " to have it made"));
            return;
          }
          answer(ctx, found.get(), false);
        }).onFailure(e -> ctx.fail(RecordingsApi.problem(e)));
  }

  private void answer(RoutingContext ctx, RecordingViews.View v, boolean created) {
    JsonObject body = recordings.views().payload(v);
    if (v.status() == RecordingViews.Status.PENDING) {
      ctx.response().putHeader("Retry-After", String.valueOf(RETRY_AFTER_S));
    }
    if (created) {
      ctx.response().putHeader("Location", ctx.request().path());
    }
    RecordingsApi.json(ctx, v.status() == RecordingViews.Status.PENDING ? 202 : 200, body);
  }

  void download(RoutingContext ctx) {
    UUID rid = RecordingsApi.uuid(ctx.pathParam("rid"), "recording");
    CompositeKind kind = kind(ctx);
    if (!recordings.links().valid(rid, kind.wire(), ctx.queryParams().get("expires"), ctx.queryParams().get("sig"),
        recordings.now())) {
      throw new ApiException(403, "link-invalid", "the download link is invalid or has expired");
    }
    api.sendMp4(ctx, recordings.findById(rid).compose(found -> found.isEmpty()
            ? io.vertx.core.Future.failedFuture(ApiException.notFound("recording"))
            : recordings.views().find(found.get(), kind))
        .map(v -> v.filter(x -> x.status() == RecordingViews.Status.READY && x.mediaKey() != null)
            .orElseThrow(() -> ApiException.notFound("recording")).mediaKey()),
        "recording-" + rid + "-" + kind.wire() + ".mp4");
  }

  /** The view named in the path; the gallery is the recording itself, not a view. */
  private static CompositeKind kind(RoutingContext ctx) {
    return CompositeKind.ofWire(ctx.pathParam("view")).filter(k -> k != CompositeKind.GALLERY)
        .orElseThrow(() -> new ApiException(404, "not-found", "no such view: '" + ctx.pathParam("view")
            + "' (views: speaker)"));
  }
}
