package io.confero.webhook;

import io.confero.config.ConferoConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook delivery worker: every {@code webhooks.poll_interval_ms} it leases due deliveries from
 * the {@link DeliveryQueue} and posts each one, signed, to its endpoint, at most {@link #MAX_IN_FLIGHT}
 * at a time, at most {@code webhooks.max_in_flight_per_endpoint} of them to one endpoint, and each
 * bounded by {@code webhooks.timeout_ms}: a slow or dead receiver holds only its own few slots and
 * its own rows, never the other endpoints' turn. Before each attempt the URL is checked again by the
 * {@link TargetGuard} (scheme, then every address its host now resolves to); a refused target is
 * not contacted and counts as a failed attempt. A 2xx marks the delivery delivered; anything else
 * (status, timeout, refused target) schedules a retry by the {@link RetryPolicy} or dead-letters it.
 * Each finished attempt polls again at once, so the next event of the same meeting does not wait
 * for the timer. Time comes from the injected clock, jitter from the injected supplier. It never
 * touches a meeting's request path.
 */
public final class WebhookVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookVerticle.class);
  static final int MAX_IN_FLIGHT = 64;

  private final ConferoConfig.Webhooks cfg;
  private final DeliveryQueue queue;
  private final TargetGuard guard;
  private final RetryPolicy policy;
  private final Clock clock;
  private final DoubleSupplier jitter;
  private HttpClient client;
  private long timer = -1;
  private boolean polling;
  private boolean pollAgain;
  private int inFlight;
  private final Map<UUID, Integer> inFlightByEndpoint = new HashMap<>();

  public WebhookVerticle(ConferoConfig.Webhooks cfg, DeliveryQueue queue, Clock clock, DoubleSupplier jitter) {
    this.cfg = cfg;
    this.queue = queue;
    this.guard = new TargetGuard(cfg.allowInsecureTargets());
    this.policy = new RetryPolicy(Duration.ofSeconds(cfg.initialBackoffSeconds()),
        Duration.ofSeconds(cfg.maxBackoffSeconds()), Duration.ofSeconds(cfg.retryWindowSeconds()));
    this.clock = clock;
    this.jitter = jitter;
  }

  @Override
  public Future<?> start() {
    client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(cfg.timeoutMs()).setForceSni(true)
        .setVerifyHost(true).setKeepAliveTimeout(30), new PoolOptions().setHttp1MaxSize(MAX_IN_FLIGHT));
    timer = vertx.setPeriodic(cfg.pollIntervalMs(), id -> poll());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return client == null ? Future.succeededFuture() : client.close();
  }

  private void poll() {
    int room = MAX_IN_FLIGHT - inFlight;
    if (polling || room <= 0) {
      pollAgain = true;
      return;
    }
    pollAgain = false;
    polling = true;
    Instant now = clock.instant();
    Instant lease = now.plusMillis(cfg.timeoutMs()).plusSeconds(60);
    queue.claim(now, lease, room, cfg.maxInFlightPerEndpoint(), Map.copyOf(inFlightByEndpoint)).onComplete(ar -> {
      polling = false;
      if (ar.failed()) {
        LOG.warn("claiming webhook deliveries failed", ar.cause());
        return;
      }
      ar.result().forEach(this::send);
      if ((pollAgain || ar.result().size() == room) && inFlight < MAX_IN_FLIGHT) {
        vertx.runOnContext(v -> poll());
      }
    });
  }

  private void send(DeliveryQueue.Claimed c) {
    inFlight++;
    inFlightByEndpoint.merge(c.endpointId(), 1, Integer::sum);
    vertx.executeBlocking(() -> target(c.url()), false)
        .compose(target -> post(c, target.uri(), target.address()))
        .onComplete(ar -> {
          inFlight--;
          inFlightByEndpoint.computeIfPresent(c.endpointId(), (k, n) -> n > 1 ? n - 1 : null);
          Instant now = clock.instant();
          Future<Void> recorded;
          if (ar.succeeded() && ar.result() / 100 == 2) {
            recorded = queue.delivered(c.deliveryId(), now, ar.result());
          } else {
            Integer status = ar.succeeded() ? ar.result() : null;
            String error = ar.succeeded() ? "HTTP " + ar.result() : String.valueOf(ar.cause().getMessage());
            Instant next = policy.next(c.attempts() + 1, c.windowStart(), now, jitter.getAsDouble()).orElse(null);
            recorded = queue.failed(c.deliveryId(), next, status, error, now);
            LOG.debug("webhook delivery {} to {} failed ({}); next attempt {}", c.deliveryId(), c.url(), error,
                next == null ? "none: dead-lettered" : next);
          }
          recorded.onFailure(e -> LOG.warn("recording webhook delivery {} failed", c.deliveryId(), e))
              .onComplete(x -> poll());
        });
  }

  /** The URL checked again now (the policy or DNS may have changed since registration). */
  private Target target(String url) {
    String problem = guard.syntaxProblem(url);
    if (problem != null) {
      throw new TargetGuard.TargetRefused("target refused: URL " + problem);
    }
    URI uri = URI.create(url);
    try {
      return new Target(uri, guard.resolve(uri.getHost()));
    } catch (TargetGuard.TargetRefused e) {
      throw new TargetGuard.TargetRefused("target refused: " + e.getMessage());
    }
  }

  private Future<Integer> post(DeliveryQueue.Claimed c, URI uri, InetAddress addr) {
    byte[] body = c.envelope().toBuffer().getBytes();
    long t = clock.instant().getEpochSecond();
    boolean https = "https".equalsIgnoreCase(uri.getScheme());
    int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
    RequestOptions ro = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(c.url())
        .setServer(SocketAddress.inetSocketAddress(port, addr.getHostAddress()))
        .setConnectTimeout(cfg.timeoutMs()).setIdleTimeout(cfg.timeoutMs())
        .putHeader("Content-Type", "application/json").putHeader("User-Agent", "Confero-Webhooks/1")
        .putHeader("Confero-Event-Id", c.eventId().toString()).putHeader("Confero-Event-Type", c.type())
        .putHeader("Confero-Delivery-Attempt", Integer.toString(c.attempts() + 1))
        .putHeader(WebhookSignature.HEADER, WebhookSignature.header(t, body, c.secrets()));
    return client.request(ro).compose(req -> {
      long deadline = vertx.setTimer(cfg.timeoutMs(), id -> req.reset(0,
          new java.util.concurrent.TimeoutException("no complete response within " + cfg.timeoutMs() + " ms")));
      return req.send(Buffer.buffer(body)).compose(resp -> resp.end().map(v -> resp.statusCode()))
          .onComplete(x -> vertx.cancelTimer(deadline));
    });
  }

  /** A checked destination: the URL and the public address it resolved to. */
  private record Target(URI uri, InetAddress address) {}

  /** Deliveries being posted right now (for tests and metrics). */
  int inFlight() {
    return inFlight;
  }

}
