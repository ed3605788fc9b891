package io.confero.api;

import io.confero.meeting.Meeting;
import io.confero.meeting.MeetingId;
import io.confero.meeting.Role;
import io.confero.store.MeetingQuery;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Handlers of {@code /api/v1/meetings} and the join endpoints. */
final class MeetingsApi {
  private static final Set<String> JOIN_FIELDS = Set.of("display_name", "role", "user_id");
  private static final Set<String> GUEST_JOIN_FIELDS = Set.of("display_name", "host_key");
  private static final Set<String> LIST_PARAMS = Set.of("limit", "cursor", "status", "from", "to");

  private final MeetingService service;
  private final TokenService tokens;
  private final IceServers iceServers;
  private final String publicUrl;
  private final io.confero.meeting.HomeDirectory homes;
  private final String region;

  MeetingsApi(MeetingService service, TokenService tokens, IceServers iceServers, String publicUrl,
      io.confero.meeting.HomeDirectory homes, String region) {
    this.service = service;
    this.tokens = tokens;
    this.iceServers = iceServers;
    this.publicUrl = publicUrl;
    this.homes = homes;
    this.region = region;
  }

  void create(RoutingContext ctx) {
    var p = ApiAuth.principal(ctx);
    MeetingJson.Create c = MeetingJson.parseCreate(JsonFields.object(ctx.body().buffer()), service.now());
    service.create(p.tenant(), c).onSuccess(m -> ctx.response().setStatusCode(201)
        .putHeader("Location", "/api/v1/meetings/" + m.id().value())
        .putHeader("Content-Type", "application/json")
        .end(MeetingJson.render(m, publicUrl).encode())).onFailure(ctx::fail);
  }

  void get(RoutingContext ctx) {
    var p = ApiAuth.principal(ctx);
    service.get(p.tenant(), meetingId(ctx)).onSuccess(m -> json(ctx, 200, MeetingJson.render(m, publicUrl)))
        .onFailure(ctx::fail);
  }

  void update(RoutingContext ctx) {
    var p = ApiAuth.principal(ctx);
    MeetingId id = meetingId(ctx);
    MeetingJson.Patch patch = MeetingJson.parsePatch(JsonFields.object(ctx.body().buffer()), service.now());
    service.update(p.tenant(), id, patch).onSuccess(m -> json(ctx, 200, MeetingJson.render(m, publicUrl)))
        .onFailure(ctx::fail);
  }

  void end(RoutingContext ctx) {
    var p = ApiAuth.principal(ctx);
    service.end(p.tenant(), meetingId(ctx), "api:" + p.keyId())
        .onSuccess(m -> json(ctx, 200, MeetingJson.render(m, publicUrl))).onFailure(ctx::fail);
  }

  void delete(RoutingContext ctx) {
    var p = ApiAuth.principal(ctx);
    service.delete(p.tenant(), meetingId(ctx)).onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  void list(RoutingContext ctx) {
    var p = ApiAuth.principal(ctx);
    for (String name : ctx.queryParams().names()) {
      if (!LIST_PARAMS.contains(name)) {
        throw ApiException.badRequest("unknown-parameter", name, "unknown query parameter '" + name + "'");
      }
    }
    int limit = intParam(ctx, "limit", 20, 1, 100);
    Meeting.Status status = null;
    String st = ctx.queryParams().get("status");
    if (st != null) {
      status = switch (st) {
        case "scheduled", "live", "ended" -> Meeting.Status.valueOf(st.toUpperCase(Locale.ROOT));
        default -> throw ApiException.invalid("status", "'status' must be scheduled, live or ended");
      };
    }
    Instant from = instantParam(ctx, "from");
    Instant to = instantParam(ctx, "to");
    Cursor cursor = Cursor.decode(ctx.queryParams().get("cursor"));
    MeetingQuery q = new MeetingQuery(status, from, to, cursor == null ? null : cursor.createdAt(),
        cursor == null ? null : cursor.id(), limit);
    service.list(p.tenant(), q).onSuccess(rows -> {
      List<Meeting> page = rows.size() > limit ? rows.subList(0, limit) : rows;
      JsonArray data = new JsonArray();
      page.forEach(m -> data.add(MeetingJson.render(m, publicUrl)));
      String next = rows.size() > limit ? new Cursor(page.get(page.size() - 1).createdAt(),
          page.get(page.size() - 1).id()).encode() : null;
      json(ctx, 200, new JsonObject().put("data", data).put("next_cursor", next));
    }).onFailure(ctx::fail);
  }

  /** {@code POST /api/v1/meetings/{id}/join}: an integrator joins a user with a name and role. */
  void join(RoutingContext ctx) {
    var p = ApiAuth.principal(ctx);
    MeetingId id = meetingId(ctx);
    JsonObject body = JsonFields.object(ctx.body().buffer());
    JsonFields.onlyKnown(body, "", JOIN_FIELDS);
    String name = JsonFields.text(body, "display_name", 100, true);
    String roleText = JsonFields.string(body, "", "role");
    Role role = roleText == null ? Role.PARTICIPANT : Role.parse(webinarWord(roleText)).orElseThrow(() ->
        ApiException.invalid("role", "'role' must be host, cohost, participant (panelist) or viewer (attendee)"));
    String userId = JsonFields.text(body, "user_id", 128, false);
    service.get(p.tenant(), id).compose(m -> service.join(m, name, role, userId, "api")).compose(this::joinResponse)
        .onSuccess(out -> json(ctx, 200, out)).onFailure(ctx::fail);
  }

  /**
   * {@code POST /j/{code}/join}: a guest with the join link joins as a participant; with the
   * meeting's {@code host_key} (home-page meetings) as its host. A wrong key is refused, never
   * downgraded to a participant seat.
   */
  void guestJoin(RoutingContext ctx) {
    String code = ctx.pathParam("code");
    JsonObject body = JsonFields.object(ctx.body().buffer());
    JsonFields.onlyKnown(body, "", GUEST_JOIN_FIELDS);
    String name = JsonFields.text(body, "display_name", 100, true);
    String hostKey = JsonFields.string(body, "", "host_key");
    String browser = browser(ctx);
    service.byCode(code).compose(m -> linkRole(m, hostKey)
            .compose(role -> service.join(m, name, role, null, "link", browser)))
        .compose(this::joinResponse).onSuccess(out -> json(ctx, 200, out)).onFailure(ctx::fail);
  }

  /** The browser's identity for join links: its {@value #BROWSER_COOKIE} cookie, set here on first use. */
  private String browser(RoutingContext ctx) {
    io.vertx.core.http.Cookie c = ctx.request().getCookie(BROWSER_COOKIE);
    if (c != null && c.getValue().matches("[A-Za-z0-9_-]{22,64}")) {
      return c.getValue();
    }
    byte[] raw = new byte[16];
    new java.security.SecureRandom().nextBytes(raw);
    String id = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    ctx.response().addCookie(io.vertx.core.http.Cookie.cookie(BROWSER_COOKIE, id).setPath("/j/").setHttpOnly(true)
        .setSameSite(io.vertx.core.http.CookieSameSite.LAX).setSecure(publicUrl.startsWith("https:"))
        .setMaxAge(400L * 24 * 3600));
    return id;
  }

  /** A webinar's words for roles: a panelist is a participant, an attendee a viewer. */
  private static String webinarWord(String role) {
    return switch (role) {
      case "panelist" -> "participant";
      case "attendee" -> "viewer";
      default -> role;
    };
  }

  /** The cookie a join link's browser is known by: a removal holds for that browser (docs/api.md). */
  static final String BROWSER_COOKIE = "confero_browser";

  private Future<Role> linkRole(Meeting m, String hostKey) {
    if (hostKey == null) { // a webinar's audience watches: its join link seats attendees
      return Future.succeededFuture(m.settings().webinar() ? Role.VIEWER : Role.PARTICIPANT);
    }
    return service.hostKeyHash(m.id()).map(stored -> {
      if (stored.isEmpty() || !HostKey.matches(stored.get(), hostKey)) {
        throw new ApiException(403, "invalid-host-key", "the host key does not belong to this meeting", "host_key");
      }
      return Role.HOST;
    });
  }

  /**
   * The seat, its session token and {@code media_server}: the signaling URL of the meeting's home
   * node (with {@code cluster.cascade}: this node, and the other nodes' URLs as {@code alternates}).
   */
  private Future<JsonObject> joinResponse(MeetingService.Seat seat) {
    return homes.claim(seat.meeting().id()).compose(home -> homes.alternates().map(alt -> {
      JsonObject out = joinResponse(seat, home.url());
      if (!alt.isEmpty()) {
        // meetings spanning nodes: where a client whose node died reconnects with the same seat
        out.getJsonObject("media_server").put("alternates", new io.vertx.core.json.JsonArray(alt));
      }
      return out;
    }));
  }

  private JsonObject joinResponse(MeetingService.Seat seat, String signalingUrl) {
    String token = tokens.mintSessionToken(new TokenService.SessionPrincipal(seat.meeting().id(), seat.participant(),
        seat.role(), seat.displayName(), seat.meeting().tenant()));
    return MeetingService.seatJson(seat)
        .put("session_token", token)
        .put("expires_in", tokens.sessionTtlSeconds())
        .put("meeting", MeetingJson.render(seat.meeting(), publicUrl))
        .put("media_server", new JsonObject().put("url", signalingUrl).put("region", region)
            .put("ice_servers", iceServers.forSeat(seat.meeting().id().value(), seat.participant().value())));
  }

  private static MeetingId meetingId(RoutingContext ctx) {
    return MeetingId.parse(ctx.pathParam("id")).orElseThrow(() -> ApiException.notFound("meeting"));
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }

  private static int intParam(RoutingContext ctx, String name, int dflt, int min, int max) {
    String v = ctx.queryParams().get(name);
    if (v == null) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) {
        throw ApiException.invalid(name, "'" + name + "' must be between " + min + " and " + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("invalid-type", name, "'" + name + "' must be an integer");
    }
  }

  private static Instant instantParam(RoutingContext ctx, String name) {
    String v = ctx.queryParams().get(name);
    return v == null ? null : JsonFields.parseInstant(name, v);
  }

  /** Opaque list cursor: the (created_at, meeting_id) of the last row of the previous page. */
  record Cursor(Instant createdAt, MeetingId id) {
    String encode() {
      return Base64.getUrlEncoder().withoutPadding()
          .encodeToString((createdAt.toString() + "|" + id.value()).getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(String s) {
      if (s == null) {
        return null;
      }
      try {
        String[] parts = new String(Base64.getUrlDecoder().decode(s), StandardCharsets.UTF_8).split("\\|");
        return new Cursor(Instant.parse(parts[0]), MeetingId.parse(parts[1]).orElseThrow());
      } catch (RuntimeException e) {
        throw ApiException.badRequest("invalid-cursor", "cursor", "'cursor' is not a cursor this API returned");
      }
    }
  }
}
