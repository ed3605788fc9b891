package io.confero.api;

import io.confero.meeting.Meeting;
import io.confero.recording.control.RecordingService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * {@code POST /web/meetings/{code}/recordings}: the home page's "Your meetings" asks, with the host
 * key its browser kept, for the recordings of a meeting it created; a ready one comes with its
 * signed, expiring download link. The key travels in a JSON body (never in a URL or a log line),
 * and a cross-site page cannot send that without a CORS preflight, which this server never grants.
 */
final class WebRecordingsApi {
  static final Set<String> FIELDS = Set.of("host_key");

  private final MeetingService meetings;
  private final RecordingService recordings;

  WebRecordingsApi(MeetingService meetings, RecordingService recordings) {
    this.meetings = meetings;
    this.recordings = recordings;
  }

  void list(RoutingContext ctx) {
    if (!WebMeetingsApi.isJson(ctx.request().getHeader("Content-Type"))) {
      ctx.fail(new ApiException(415, "unsupported-media-type", "the body must be application/json", "body"));
      return;
    }
    String key;
    try {
      JsonObject body = JsonFields.object(ctx.body().buffer());
      JsonFields.onlyKnown(body, "", FIELDS);
      key = JsonFields.string(body, "", "host_key");
    } catch (ApiException e) {
      ctx.fail(e);
      return;
    }
    if (key == null) {
      ctx.fail(ApiException.invalid("host_key", "'host_key' is required"));
      return;
    }
    meetings.byCode(ctx.pathParam("code")).compose(m -> hosted(m, key))
        .compose(m -> recordings.list(m.tenant().value(), m.id()))
        .onSuccess(list -> {
          JsonArray a = new JsonArray();
          list.forEach(r -> a.add(recordings.payload(r)));
          ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
              .end(new JsonObject().put("recordings", a).encode());
        }).onFailure(ctx::fail);
  }

  /**
   * {@code GET /j/{code}/recording}: whether the meeting is being recorded, for the pre-join's notice
   * (anyone with the link is told, as everyone in the meeting is).
   */
  void active(RoutingContext ctx) {
    meetings.byCode(ctx.pathParam("code")).compose(m -> recordings.active(m.id()))
        .onSuccess(a -> ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
            .end(new JsonObject().put("recording", a.isPresent()).encode()))
        .onFailure(ctx::fail);
  }

  private Future<Meeting> hosted(Meeting m, String key) {
    return meetings.hostKeyHash(m.id()).map(stored -> {
      if (stored.isEmpty() || !HostKey.matches(stored.get(), key)) {
        throw new ApiException(403, "invalid-host-key", "the host key does not belong to this meeting", "host_key");
      }
      return m;
    });
  }
}
