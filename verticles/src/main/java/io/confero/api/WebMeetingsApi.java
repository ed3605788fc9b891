package io.confero.api;

import io.confero.meeting.Meeting;
import io.confero.meeting.MeetingSettings;
import io.confero.meeting.TenantId;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Set;

/**
 * {@code POST /web/meetings}: the home page creates an instant or scheduled meeting without an API
 * key, in the tenant {@code api.tenant}, when {@code web.open_create} is on, within a budget per
 * client address ({@code web.create_rate_limit_per_minute}). The creator gets the meeting and its
 * host key, shown once: joining {@code POST /j/{code}/join} with it makes them the host.
 */
final class WebMeetingsApi {
  static final Set<String> FIELDS = Set.of("title", "scheduled_start", "duration_minutes", "waiting_room",
      "mute_on_entry", "e2ee_enabled");
  static final String DEFAULT_TITLE = "Confero meeting";

  private final MeetingService service;
  private final RateLimiter limiter;
  private final TenantId tenant;
  private final boolean openCreate;
  private final String publicUrl;

  WebMeetingsApi(MeetingService service, RateLimiter limiter, TenantId tenant, boolean openCreate, String publicUrl) {
    this.service = service;
    this.limiter = limiter;
    this.tenant = tenant;
    this.openCreate = openCreate;
    this.publicUrl = publicUrl;
  }

  void create(RoutingContext ctx) {
    if (!openCreate) {
      ctx.fail(new ApiException(403, "open-create-disabled",
          "this server creates meetings only through its API; ask your organisation for a meeting link"));
      return;
    }
    if (!isJson(ctx.request().getHeader("Content-Type"))) {
      // a cross-site form cannot send application/json without a CORS preflight, which this server never grants
      ctx.fail(new ApiException(415, "unsupported-media-type", "the body must be application/json", "body"));
      return;
    }
    limiter.tryAcquire("web-create:ip:" + ctx.request().remoteAddress().hostAddress()).onSuccess(ok -> {
      if (!ok) {
        ctx.fail(new ApiException(429, "rate-limited", "too many meetings created from this address; retry in a minute"));
        return;
      }
      createAllowed(ctx);
    }).onFailure(ctx::fail);
  }

  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String mime = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
    return mime.equalsIgnoreCase("application/json");
  }

  private void createAllowed(RoutingContext ctx) {
    MeetingJson.Create c;
    try {
      c = parse(JsonFields.object(ctx.body().buffer()), service.now());
    } catch (ApiException e) {
      ctx.fail(e);
      return;
    }
    service.createWithHostKey(tenant, c).onSuccess(h -> {
      JsonObject body = MeetingJson.render(h.meeting(), publicUrl)
          .put("host_key", h.hostKey())
          .put("host_url", publicUrl + "/j/" + h.meeting().joinCode() + "#host=" + h.hostKey());
      ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
          .putHeader("Cache-Control", "no-store").end(body.encode());
    }).onFailure(ctx::fail);
  }

  /**
   * Validates a home-page body as the REST API validates its own: exact types, no unknown fields,
   * a start not in the past (absent: an instant meeting starting now), 1–1440 minutes.
   */
  static MeetingJson.Create parse(JsonObject o, Instant now) {
    JsonFields.onlyKnown(o, "", FIELDS);
    String title = JsonFields.text(o, "title", MeetingJson.TITLE_MAX, false);
    Instant start = JsonFields.instant(o, "scheduled_start");
    if (start != null) {
      MeetingJson.checkNotPast("scheduled_start", start, now);
    }
    Integer duration = JsonFields.integer(o, "", "duration_minutes");
    int minutes = duration == null ? 60 : MeetingJson.checkDuration(duration);
    Boolean waitingRoom = JsonFields.bool(o, "", "waiting_room");
    Boolean muteOnEntry = JsonFields.bool(o, "", "mute_on_entry");
    Boolean e2ee = JsonFields.bool(o, "", "e2ee_enabled");
    MeetingSettings d = MeetingSettings.DEFAULTS;
    boolean e2eeOn = e2ee != null ? e2ee : d.e2eeEnabled();
    // the server cannot record what it cannot read: an end-to-end encrypted meeting never records
    MeetingSettings settings = new MeetingSettings(d.maxParticipants(),
        waitingRoom != null ? waitingRoom : d.waitingRoom(), muteOnEntry != null ? muteOnEntry : d.muteOnEntry(),
        d.allowRecording() && !e2eeOn, e2eeOn);
    return new MeetingJson.Create(title == null ? DEFAULT_TITLE : title,
        start == null ? Meeting.Type.INSTANT : Meeting.Type.SCHEDULED, start == null ? now : start, minutes, settings);
  }
}
