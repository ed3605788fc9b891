package io.confero.api;

import io.confero.store.Outbox;
import io.confero.webhook.TargetGuard;
import io.confero.webhook.WebhookStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/** Handlers of {@code /api/v1/webhooks}: endpoints, secret rotation, test events, deliveries, redelivery. */
final class WebhooksApi {
  private static final Set<String> CREATE_FIELDS = Set.of("url", "events");
  private static final Set<String> STATUSES = Set.of("pending", "delivered", "dead");
  private static final int MAX_URL = 2048;

  private final Vertx vertx;
  private final WebhookStore store;
  private final TargetGuard guard;
  private final Supplier<Instant> now;
  private final Duration rotationGrace;

  WebhooksApi(Vertx vertx, WebhookStore store, TargetGuard guard, Supplier<Instant> now, Duration rotationGrace) {
    this.vertx = vertx;
    this.store = store;
    this.guard = guard;
    this.now = now;
    this.rotationGrace = rotationGrace;
  }

  void create(RoutingContext ctx) {
    var p = ApiAuth.principal(ctx);
    JsonObject body = JsonFields.object(ctx.body().buffer());
    JsonFields.onlyKnown(body, "", CREATE_FIELDS);
    String url = JsonFields.text(body, "url", MAX_URL, true);
    List<String> events = events(body);
    String problem = guard.syntaxProblem(url);
    if (problem != null) {
      throw ApiException.invalid("url", "'url' " + problem);
    }
    vertx.executeBlocking(() -> guard.resolve(URI.create(url).getHost()), false)
        .recover(e -> Future.failedFuture(e instanceof TargetGuard.TargetRefused
            ? ApiException.invalid("url", "'url' refused: " + e.getMessage()) : e))
        .compose(a -> store.create(p.tenant(), url, events, now.get()))
        .onSuccess(w -> ctx.response().setStatusCode(201)
            .putHeader("Location", "/api/v1/webhooks/" + w.endpoint().id())
            .putHeader("Content-Type", "application/json")
            .end(render(w.endpoint()).put("secret", w.secret()).encode()))
        .onFailure(ctx::fail);
  }

  void list(RoutingContext ctx) {
    var p = ApiAuth.principal(ctx);
    store.list(p.tenant()).onSuccess(all -> {
      JsonArray items = new JsonArray();
      all.forEach(e -> items.add(render(e)));
      json(ctx, 200, new JsonObject().put("items", items));
    }).onFailure(ctx::fail);
  }

  void get(RoutingContext ctx) {
    var p = ApiAuth.principal(ctx);
    store.find(p.tenant(), id(ctx)).map(WebhooksApi::found).onSuccess(e -> json(ctx, 200, render(e)))
        .onFailure(ctx::fail);
  }

  void delete(RoutingContext ctx) {
    var p = ApiAuth.principal(ctx);
    store.delete(p.tenant(), id(ctx)).onSuccess(ok -> {
      if (!ok) {
        ctx.fail(ApiException.notFound("webhook"));
        return;
      }
      ctx.response().setStatusCode(204).end();
    }).onFailure(ctx::fail);
  }

  void rotate(RoutingContext ctx) {
    var p = ApiAuth.principal(ctx);
    store.rotate(p.tenant(), id(ctx), now.get().plus(rotationGrace)).map(WebhooksApi::found)
        .onSuccess(w -> json(ctx, 200, render(w.endpoint()).put("secret", w.secret()))).onFailure(ctx::fail);
  }

  void test(RoutingContext ctx) {
    var p = ApiAuth.principal(ctx);
    store.sendTest(p.tenant(), id(ctx), now.get()).map(WebhooksApi::found)
        .onSuccess(ev -> json(ctx, 202, new JsonObject().put("event_id", ev.toString()).put("type", "webhook.test")))
        .onFailure(ctx::fail);
  }

  void deliveries(RoutingContext ctx) {
    var p = ApiAuth.principal(ctx);
    String status = ctx.queryParams().get("status");
    if (status != null && !STATUSES.contains(status)) {
      throw ApiException.invalid("status", "'status' must be one of pending, delivered, dead");
    }
    UUID endpoint = id(ctx);
    store.find(p.tenant(), endpoint).map(WebhooksApi::found)
        .compose(e -> store.deliveries(p.tenant(), endpoint, status, 100)).onSuccess(all -> {
          JsonArray items = new JsonArray();
          all.forEach(d -> items.add(render(d)));
          json(ctx, 200, new JsonObject().put("items", items));
        }).onFailure(ctx::fail);
  }

  void redeliver(RoutingContext ctx) {
    var p = ApiAuth.principal(ctx);
    long delivery;
    try {
      delivery = Long.parseLong(ctx.pathParam("delivery"));
    } catch (NumberFormatException e) {
      throw ApiException.notFound("delivery");
    }
    store.redeliver(p.tenant(), id(ctx), delivery, now.get())
        .map(o -> o.orElseThrow(() -> new ApiException(404, "not-found",
            "no dead or delivered delivery " + delivery + " of this webhook")))
        .onSuccess(d -> json(ctx, 202, render(d))).onFailure(ctx::fail);
  }

  private static List<String> events(JsonObject body) {
    Object v = body.getValue("events");
    if (v == null) {
      throw ApiException.invalid("events", "'events' is required");
    }
    if (!(v instanceof JsonArray arr)) {
      throw JsonFields.wrongType("events", "an array of event types");
    }
    if (arr.isEmpty()) {
      throw ApiException.invalid("events", "'events' must name at least one event type");
    }
    Set<String> out = new LinkedHashSet<>();
    for (Object o : arr) {
      if (!(o instanceof String s) || !Outbox.TYPES.contains(s)) {
        throw ApiException.invalid("events", "'events' entries must be among " + new java.util.TreeSet<>(Outbox.TYPES));
      }
      out.add(s);
    }
    return new ArrayList<>(out);
  }

  private static <T> T found(Optional<T> o) {
    return o.orElseThrow(() -> ApiException.notFound("webhook"));
  }

  private static UUID id(RoutingContext ctx) {
    try {
      return UUID.fromString(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw ApiException.notFound("webhook");
    }
  }

  private static JsonObject render(WebhookStore.Endpoint e) {
    return new JsonObject().put("id", e.id().toString()).put("url", e.url()).put("events", new JsonArray(e.events()))
        .put("created_at", e.createdAt().toString())
        .put("previous_secret_expires_at", e.previousSecretUntil() == null ? null : e.previousSecretUntil().toString());
  }

  private static JsonObject render(WebhookStore.Delivery d) {
    return new JsonObject().put("id", d.id()).put("event_id", d.eventId().toString()).put("type", d.type())
        .put("status", d.status()).put("attempts", d.attempts())
        .put("next_attempt_at", "pending".equals(d.status()) ? d.nextAttemptAt().toString() : null)
        .put("created_at", d.createdAt().toString())
        .put("delivered_at", d.deliveredAt() == null ? null : d.deliveredAt().toString())
        .put("last_status", d.lastStatus()).put("last_error", d.lastError());
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }
}
