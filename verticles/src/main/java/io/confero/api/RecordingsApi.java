package io.confero.api;

import io.confero.meeting.MeetingId;
import io.confero.recording.control.Recording;
import io.confero.recording.control.RecordingConflict;
import io.confero.recording.control.RecordingService;
import io.confero.recording.control.RecordingStatus;
import io.confero.recording.control.RecordingViewService;
import io.confero.recording.store.RecordingStore;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.NoSuchElementException;
import java.util.UUID;

/**
 * {@code /api/v1/meetings/{id}/recordings} (start, list, get, stop, delete) and the signed download
 * route {@code /recordings/{rid}/download}; the on-demand views through {@link RecordingViewsApi}.
 * Store I/O runs on a worker executor.
 */
public final class RecordingsApi {
  private final MeetingService meetings;
  private final RecordingService recordings;
  private final RecordingStore store;
  private final WorkerExecutor worker;

  public RecordingsApi(MeetingService meetings, RecordingService recordings, RecordingStore store,
      WorkerExecutor worker) {
    this.meetings = meetings;
    this.recordings = recordings;
    this.store = store;
    this.worker = worker;
  }

  /** Adds the routes (the {@code /api/v1/meetings*} bearer check is already in front of them). */
  public void mount(Router r) {
    r.post("/api/v1/meetings/:id/recordings").handler(this::start);
    r.get("/api/v1/meetings/:id/recordings").handler(this::list);
    r.get("/api/v1/meetings/:id/recordings/:rid").handler(this::get);
    r.post("/api/v1/meetings/:id/recordings/:rid/stop").handler(this::stop);
    r.delete("/api/v1/meetings/:id/recordings/:rid").handler(this::delete);
    r.get("/recordings/:rid/download").handler(this::download);
    new RecordingViewsApi(this, recordings).mount(r);
  }

  void start(RoutingContext ctx) {
    var p = ApiAuth.principal(ctx);
    meetings.get(p.tenant(), meetingId(ctx)).compose(m -> recordings.start(m, "api:" + p.keyId()))
        .onSuccess(r -> ctx.response().setStatusCode(201)
            .putHeader("Location", "/api/v1/meetings/" + r.meetingId() + "/recordings/" + r.id())
            .putHeader("Content-Type", "application/json").end(recordings.payload(r).encode()))
        .onFailure(e -> ctx.fail(problem(e)));
  }

  void list(RoutingContext ctx) {
    var p = ApiAuth.principal(ctx);
    MeetingId id = meetingId(ctx);
    meetings.get(p.tenant(), id).compose(m -> recordings.list(p.tenant().value(), id))
        .onSuccess(list -> {
          JsonArray a = new JsonArray();
          list.forEach(r -> a.add(recordings.payload(r)));
          json(ctx, 200, new JsonObject().put("recordings", a));
        }).onFailure(e -> ctx.fail(problem(e)));
  }

  void get(RoutingContext ctx) {
    var p = ApiAuth.principal(ctx);
    owned(ctx, p.tenant().value()).onSuccess(r -> json(ctx, 200, recordings.payload(r)))
        .onFailure(e -> ctx.fail(problem(e)));
  }

  void stop(RoutingContext ctx) {
    var p = ApiAuth.principal(ctx);
    owned(ctx, p.tenant().value()).compose(r -> recordings.stop(p.tenant().value(), r.id(), "api:" + p.keyId()))
        .onSuccess(r -> json(ctx, 200, recordings.payload(r))).onFailure(e -> ctx.fail(problem(e)));
  }

  void delete(RoutingContext ctx) {
    var p = ApiAuth.principal(ctx);
    owned(ctx, p.tenant().value()).compose(r -> {
      if (r.status() == RecordingStatus.RECORDING) {
        return Future.failedFuture(new RecordingConflict(RecordingService.STILL_RECORDING,
            "stop the recording before deleting it"));
      }
      return recordings.delete(p.tenant().value(), r.id())
          .compose(v -> worker.executeBlocking(() -> store.deleteAll(r.id() + "/"), false));
    }).onSuccess(n -> ctx.response().setStatusCode(204).end()).onFailure(e -> ctx.fail(problem(e)));
  }

  void download(RoutingContext ctx) {
    UUID rid = uuid(ctx.pathParam("rid"), "recording");
    if (!recordings.links().valid(rid, ctx.queryParams().get("expires"), ctx.queryParams().get("sig"), recordings.now())) {
      throw new ApiException(403, "link-invalid", "the download link is invalid or has expired");
    }
    sendMp4(ctx, recordings.findById(rid).map(found -> found
        .filter(x -> x.status() == RecordingStatus.READY && x.mediaKey() != null)
        .orElseThrow(() -> ApiException.notFound("recording")).mediaKey()), "recording-" + rid + ".mp4");
  }

  /** Sends the stored MP4 under the key {@code key} yields (copied to a temporary file on the worker). */
  void sendMp4(RoutingContext ctx, Future<String> key, String fileName) {
    key.compose(k -> worker.executeBlocking(() -> {
      Path tmp = Files.createTempFile("download-", ".mp4");
      store.get(k, tmp);
      return tmp;
    }, false)).onSuccess(tmp -> ctx.response().putHeader("Content-Type", "video/mp4")
        .putHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
        .sendFile(tmp.toString()).onComplete(x -> worker.executeBlocking(() -> Files.deleteIfExists(tmp), false)))
        .onFailure(e -> ctx.fail(problem(e)));
  }

  Future<Recording> owned(RoutingContext ctx, String tenant) {
    MeetingId meeting = meetingId(ctx);
    UUID rid = uuid(ctx.pathParam("rid"), "recording");
    return recordings.find(tenant, rid).map(o -> o.filter(r -> r.meetingId().equals(meeting.uuid()))
        .orElseThrow(() -> ApiException.notFound("recording")));
  }

  static Throwable problem(Throwable e) {
    if (e instanceof RecordingConflict c) {
      int status = c.code().equals(RecordingService.NOT_ALLOWED) ? 403
          : c.code().equals(RecordingViewService.RAW_DELETED) ? 410 : 409;
      return new ApiException(status, c.code(), c.getMessage());
    }
    if (e instanceof NoSuchElementException) {
      return ApiException.notFound("recording");
    }
    return e;
  }

  private static MeetingId meetingId(RoutingContext ctx) {
    return MeetingId.parse(ctx.pathParam("id")).orElseThrow(() -> ApiException.notFound("meeting"));
  }

  static UUID uuid(String s, String what) {
    try {
      return UUID.fromString(s);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw ApiException.notFound(what);
    }
  }

  static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }
}
