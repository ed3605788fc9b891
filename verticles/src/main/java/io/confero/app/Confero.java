package io.confero.app;

import com.hazelcast.core.HazelcastInstance;
import io.confero.api.ApiComponents;
import io.confero.api.ApiVerticle;
import io.confero.api.IceServers;
import io.confero.api.LocalRateLimiter;
import io.confero.api.MeetingService;
import io.confero.api.RateLimiter;
import io.confero.api.RedisRateLimiter;
import io.confero.api.TokenService;
import io.confero.config.ConferoConfig;
import io.confero.meeting.HazelcastMeetingDirectory;
import io.confero.meeting.MeetingDirectory;
import io.confero.meeting.TenantId;
import io.confero.store.ApiKeyRepository;
import io.confero.store.Database;
import io.confero.store.EventLogRepository;
import io.confero.store.MeetingRepository;
import io.confero.store.ParticipantRepository;
import io.confero.store.SecretRepository;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.redis.client.Redis;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: one running Confero node. Builds every component from the config, starts
 * the clustered Vert.x and deploys the verticles. Used by {@link Main} and by tests.
 */
public final class Confero {
  private static final Logger LOG = LoggerFactory.getLogger(Confero.class);

  private final ConferoConfig config;
  private final Database database;
  private final Vertx vertx;
  private final Pool pool;
  private final ApiVerticle api;
  private final Redis redis;

  private Confero(ConferoConfig config, Database database, Vertx vertx, Pool pool, ApiVerticle api, Redis redis) {
    this.config = config;
    this.database = database;
    this.vertx = vertx;
    this.pool = pool;
    this.api = api;
    this.redis = redis;
  }

  /** Starts a node. Blocking for the database start (call from a plain thread, never an event loop). */
  public static Future<Confero> start(ConferoConfig config) throws Exception {
    Database db = Database.start(config.database());
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    HazelcastClusterManager cm = ClusterSetup.clusterManager(config.cluster());
    VertxOptions options = new VertxOptions()
        .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
            .addLabels(Label.HTTP_METHOD, Label.HTTP_CODE, Label.HTTP_ROUTE))
        .setEventBusOptions(new EventBusOptions().setHost(config.cluster().host()).setPort(0));
    return Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory(registry))
        .withClusterManager(cm).buildClustered()
        .compose(vertx -> wire(config, db, vertx, cm.getHazelcastInstance(), registry)
            .recover(e -> vertx.close().transform(x -> Future.failedFuture(e))))
        .onFailure(e -> closeQuietly(db));
  }

  private static Future<Confero> wire(ConferoConfig config, Database db, Vertx vertx, HazelcastInstance hz,
      PrometheusMeterRegistry registry) {
    SecureRandom random = new SecureRandom();
    Clock clock = Clock.systemUTC();
    Pool pool = db.pool(vertx);
    SecretRepository secrets = new SecretRepository(pool, random);
    ApiKeyRepository keys = new ApiKeyRepository(pool, random);
    MeetingDirectory directory = new HazelcastMeetingDirectory(vertx, hz);
    MeetingService meetings = new MeetingService(new MeetingRepository(pool), new ParticipantRepository(pool),
        new EventLogRepository(pool), directory, random, clock);
    Redis redis = config.redis().enabled() ? Redis.createClient(vertx, config.redis().url()) : null;
    RateLimiter limiter = redis != null
        ? new RedisRateLimiter(redis, config.api().rateLimitPerMinute(), clock::millis)
        : new LocalRateLimiter(config.api().rateLimitPerMinute(), clock::millis);
    Future<byte[]> signingKey = secrets.getOrCreate("jwt-signing-key", 32);
    Future<String> turnSecret = config.turn().secret().isBlank()
        ? secrets.getOrCreate("turn-secret", 24).map(b -> Base64.getUrlEncoder().withoutPadding().encodeToString(b))
        : Future.succeededFuture(config.turn().secret());
    return Future.all(signingKey, turnSecret, bootstrapKey(config, keys)).compose(x -> {
      TokenService tokens = new TokenService(vertx, signingKey.result(), config.api().tokenTtlSeconds(),
          config.api().sessionTokenTtlSeconds());
      IceServers ice = new IceServers(config.turn(), turnSecret.result(), clock);
      ApiVerticle api = new ApiVerticle(config, new ApiComponents(meetings, tokens, keys, limiter, ice, pool,
          () -> hz.getPartitionService().isClusterSafe(), registry));
      return vertx.deployVerticle(api).map(id -> {
        LOG.info("Confero listening on {} (HTTP port {})", config.http().publicUrl(), api.actualPort());
        return new Confero(config, db, vertx, pool, api, redis);
      });
    });
  }

  private static Future<Void> bootstrapKey(ConferoConfig config, ApiKeyRepository keys) {
    TenantId tenant = new TenantId(config.api().tenant());
    if (!config.api().key().isBlank()) {
      return keys.put(tenant, config.api().key(), config.api().secret());
    }
    return keys.any().compose(any -> {
      if (any) {
        return Future.succeededFuture();
      }
      return keys.create(tenant).map(k -> {
        String banner = "\n=== Confero generated an API key (shown once; store it now) ===\n"
            + "  CONFERO_API_KEY=" + k.keyId() + "\n  CONFERO_API_SECRET=" + k.secret()
            + "\n  tenant: " + k.tenant() + "\n";
        System.out.println(new String(banner.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
        return null;
      });
    });
  }

  public Vertx vertx() {
    return vertx;
  }

  public ConferoConfig config() {
    return config;
  }

  public ApiVerticle api() {
    return api;
  }

  public int httpPort() {
    return api.actualPort();
  }

  public Pool pool() {
    return pool;
  }

  /**
   * Stops everything: verticles, cluster membership, pools, the embedded database. Blocking: call it
   * from a plain thread (main, a shutdown hook, a test), never from an event loop.
   */
  public void close() throws Exception {
    try {
      if (redis != null) {
        redis.close();
      }
      pool.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } finally {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      } finally {
        closeQuietly(database);
      }
    }
  }

  private static void closeQuietly(Database db) {
    try {
      db.close();
    } catch (Exception e) {
      LOG.warn("stopping the database failed", e);
    }
  }
}
