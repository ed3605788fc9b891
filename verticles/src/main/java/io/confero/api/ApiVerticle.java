package io.confero.api;

import io.confero.config.ConferoConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.sqlclient.Pool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The control plane's HTTP face: REST {@code /api/v1}, join links {@code /j/{code}}, the web
 * client, {@code /health}, {@code /readiness} and {@code /metrics}.
 */
public final class ApiVerticle extends VerticleBase {
  private final ConferoConfig config;
  private final MeetingService meetings;
  private final ApiAuth auth;
  private final MeetingsApi meetingsApi;
  private final WebMeetingsApi webMeetingsApi;
  private final Pool pool;
  private final Supplier<Boolean> clusterSafe;
  private final PrometheusMeterRegistry registry;
  private final io.confero.webhook.WebhookStore webhookStore;
  private final ApiComponents components;
  private final JoinAdmission admission;
  private HttpServer server;
  private Router router;

  public ApiVerticle(ConferoConfig config, ApiComponents c) {
    this.config = config;
    this.meetings = c.meetings();
    this.auth = new ApiAuth(c.tokens(), c.apiKeys(), c.rateLimiter());
    this.meetingsApi = new MeetingsApi(c.meetings(), c.tokens(), c.iceServers(), config.http().publicUrl(),
        c.homes(), config.media().region());
    this.webMeetingsApi = new WebMeetingsApi(c.meetings(), c.webCreateLimiter(),
        new io.confero.meeting.TenantId(config.api().tenant()), config.web().openCreate(), config.http().publicUrl());
    this.pool = c.pool();
    this.clusterSafe = c.clusterSafe();
    this.registry = c.registry();
    this.webhookStore = c.webhooks();
    this.components = c;
    this.admission = new JoinAdmission(config.api().joinRatePerSecond(), config.api().joinBurst(),
        () -> c.meetings().now().toEpochMilli());
  }

  /** Admission control before a join does any work: over the node's join rate, 429 with Retry-After. */
  private void admit(io.vertx.ext.web.RoutingContext ctx) {
    JoinAdmission.Verdict v = admission.tryAdmit();
    if (v.admitted()) {
      ctx.next();
      return;
    }
    ctx.response().putHeader("Retry-After", Long.toString(v.retryAfterSeconds()));
    ctx.fail(new ApiException(429, "join-rate-limited", "this node admits a limited number of joins a second; "
        + "retry after " + v.retryAfterSeconds() + " s (with some jitter)"));
  }

  @Override
  public Future<?> start() {
    router = router();
    server = vertx.createHttpServer().invalidRequestHandler(Problems::invalidRequest);
    return server.requestHandler(router).listen(config.http().port(), config.http().host());
  }

  /** The routes being served (the OpenAPI test compares them with the document). */
  public java.util.List<io.vertx.ext.web.Route> routes() {
    return router.getRoutes();
  }

  /** Set once the node starts shutting down: {@code /readiness} answers 503 from then on. */
  private volatile boolean draining;

  /**
   * The node is going down (SIGTERM): readiness turns 503 so load balancers and Kubernetes stop
   * sending new users here, while requests and sockets already here are still served.
   */
  public void startDraining() {
    draining = true;
  }

  /** Stops accepting connections and lets requests in flight finish (at most {@code timeout}). */
  public Future<Void> drain(java.time.Duration timeout) {
    return server.shutdown(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  /** The port actually bound (useful when configured as 0). */
  public int actualPort() {
    return server.actualPort();
  }

  Router router() {
    Router r = Router.router(vertx);
    r.route().handler(ctx -> {
      ctx.response().putHeader("X-Content-Type-Options", "nosniff");
      ctx.next();
    });
    r.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(config.http().bodyLimitBytes()));
    r.route("/j/*").handler(BodyHandler.create(false).setBodyLimit(config.http().bodyLimitBytes()));
    r.get("/api/v1/openapi.json").handler(this::openApi);
    r.post("/api/v1/tokens").handler(auth::mintToken);
    r.route("/api/v1/meetings*").handler(auth::requireBearer);
    r.post("/api/v1/meetings").handler(meetingsApi::create);
    r.get("/api/v1/meetings").handler(meetingsApi::list);
    r.get("/api/v1/meetings/:id").handler(meetingsApi::get);
    r.patch("/api/v1/meetings/:id").handler(meetingsApi::update);
    r.delete("/api/v1/meetings/:id").handler(meetingsApi::delete);
    r.post("/api/v1/meetings/:id/end").handler(meetingsApi::end);
    r.post("/api/v1/meetings/:id/join").handler(this::admit).handler(meetingsApi::join);
    webhookRoutes(r);
    new RecordingsApi(meetings, components.recordings(), components.recordingStore(),
        vertx.createSharedWorkerExecutor("recording-api", 4)).mount(r);
    r.route("/api/*").handler(ctx -> ctx.fail(ApiException.notFound("resource")));
    r.post("/j/:code/join").handler(auth::limitByAddress).handler(this::admit).handler(meetingsApi::guestJoin);
    r.get("/j/:code").handler(this::joinPage);
    r.route("/web/*").handler(BodyHandler.create(false).setBodyLimit(config.http().bodyLimitBytes()));
    r.post("/web/meetings").handler(webMeetingsApi::create);
    WebRecordingsApi webRecordings = new WebRecordingsApi(meetings, components.recordings());
    r.post("/web/meetings/:code/recordings").handler(auth::limitByAddress).handler(webRecordings::list);
    r.get("/j/:code/recording").handler(auth::limitByAddress).handler(webRecordings::active);
    r.get("/health").handler(ctx -> ctx.json(new JsonObject().put("status", "UP")));
    r.get("/readiness").handler(readiness());
    r.get("/metrics").handler(ctx -> ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4")
        .end(registry.scrape()));
    r.route().handler(staticHandler());
    r.route().failureHandler(Problems::handleFailure);
    return r;
  }

  private void webhookRoutes(Router r) {
    WebhooksApi w = new WebhooksApi(vertx, webhookStore,
        new io.confero.webhook.TargetGuard(config.webhooks().allowInsecureTargets()), meetings::now,
        java.time.Duration.ofSeconds(config.webhooks().secretRotationGraceSeconds()));
    r.route("/api/v1/webhooks*").handler(auth::requireBearer);
    r.post("/api/v1/webhooks").handler(w::create);
    r.get("/api/v1/webhooks").handler(w::list);
    r.get("/api/v1/webhooks/:id").handler(w::get);
    r.delete("/api/v1/webhooks/:id").handler(w::delete);
    r.post("/api/v1/webhooks/:id/rotate-secret").handler(w::rotate);
    r.post("/api/v1/webhooks/:id/test").handler(w::test);
    r.get("/api/v1/webhooks/:id/deliveries").handler(w::deliveries);
    r.post("/api/v1/webhooks/:id/deliveries/:delivery/redeliver").handler(w::redeliver);
  }

  private StaticHandler staticHandler() {
    String root = config.http().webroot();
    Path p = Path.of(root);
    StaticHandler h = p.isAbsolute() && Files.isDirectory(p)
        ? StaticHandler.create(FileSystemAccess.ROOT, root) : StaticHandler.create(root);
    return h.setIndexPage("index.html").setCachingEnabled(false);
  }

  private void openApi(RoutingContext ctx) {
    vertx.fileSystem().readFile("openapi.json").onSuccess(b ->
        ctx.response().putHeader("Content-Type", "application/json").end(b)).onFailure(ctx::fail);
  }

  private void joinPage(RoutingContext ctx) {
    String code = ctx.pathParam("code");
    if (!code.matches("[a-z]{3}-[a-z]{4}-[a-z]{3}")) {
      sendPage(ctx, 404, "not-found.html");
      return;
    }
    meetings.byCode(code).onSuccess(m -> sendPage(ctx, 200, "meeting.html"))
        .onFailure(e -> sendPage(ctx, 404, "not-found.html"));
  }

  private void sendPage(RoutingContext ctx, int status, String page) {
    String root = config.http().webroot();
    String path = Files.isDirectory(Path.of(root)) ? Path.of(root, page).toString() : "webroot/" + page;
    ctx.response().setStatusCode(status).putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-store").sendFile(path).onFailure(ctx::fail);
  }

  private HealthCheckHandler readiness() {
    HealthChecks checks = HealthChecks.create(vertx);
    checks.register("draining", p -> p.complete(draining
        ? Status.KO(new JsonObject().put("reason", "the node is shutting down")) : Status.OK()));
    checks.register("database", 2000, p -> pool.query("SELECT 1").execute()
        .onSuccess(r -> p.complete(Status.OK())).onFailure(e -> p.complete(Status.KO())));
    checks.register("cluster", 2000, p -> vertx.executeBlocking(clusterSafe::get)
        .onSuccess(safe -> p.complete(safe ? Status.OK() : Status.KO(new JsonObject().put("reason", "partitions not safe"))))
        .onFailure(e -> p.complete(Status.KO())));
    return HealthCheckHandler.createWithHealthChecks(checks);
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

}
