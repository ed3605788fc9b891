package io.confero.app;

import com.hazelcast.core.HazelcastInstance;
import io.confero.api.ApiComponents;
import io.confero.recording.control.RecordingComponents;
import io.confero.api.ApiVerticle;
import io.confero.api.IceServers;
import io.confero.api.LocalRateLimiter;
import io.confero.api.MeetingService;
import io.confero.api.RateLimiter;
import io.confero.api.RedisRateLimiter;
import io.confero.api.TokenService;
import io.confero.config.ConferoConfig;
import io.confero.meeting.HazelcastMeetingDirectory;
import io.confero.meeting.HazelcastMeetingHomes;
import io.confero.meeting.MeetingDirectory;
import io.confero.meeting.SeatEndNotices;
import io.confero.meeting.TenantId;
import io.confero.store.ApiKeyRepository;
import io.confero.store.Database;
import io.confero.store.DurableMeetingDirectory;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import io.confero.codecs.Addresses;
import io.confero.codecs.meeting.MeetingEvent;
import io.confero.codecs.sfu.SfuCodec;
import io.confero.codecs.turn.SeatEnded;
import io.confero.sfu.SfuVerticle;
import io.confero.sfu.SrtpWarmup;
import io.confero.sfu.dtls.DtlsWarmup;
import io.confero.signaling.RestoredHolds;
import io.confero.signaling.SignalingComponents;
import io.confero.signaling.SignalingVerticle;
import io.confero.turn.TurnConfig;
import io.confero.turn.TurnVerticle;
import io.confero.analytics.AnalyticsRelay;
import io.confero.analytics.KafkaAnalyticsSink;
import io.confero.webhook.DeliveryQueue;
import io.confero.webhook.WebhookStore;
import io.confero.webhook.WebhookVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.ThreadingModel;
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
  private final SignalingVerticle signaling;
  private final List<SfuVerticle> sfus;
  private final TurnVerticle turn;
  private final HazelcastMeetingHomes homes;

  private Confero(ConferoConfig config, Database database, Vertx vertx, Pool pool, ApiVerticle api,
      SignalingVerticle signaling, List<SfuVerticle> sfus, TurnVerticle turn, Redis redis, HazelcastMeetingHomes homes) {
    this.homes = homes;
    this.signaling = signaling;
    this.sfus = List.copyOf(sfus);
    this.turn = turn;
    this.config = config;
    this.database = database;
    this.vertx = vertx;
    this.pool = pool;
    this.api = api;
    this.redis = redis;
  }

  /** Starts a node. Blocking for the database start (call from a plain thread, never an event loop). */
  public static Future<Confero> start(ConferoConfig config) throws Exception {
    return start(config, Clock.systemUTC());
  }

  /** Starts a node whose time-dependent parts (tokens, webhook retries, event times) read {@code clock}. */
  public static Future<Confero> start(ConferoConfig config, Clock clock) throws Exception {
    Duration warm = DtlsWarmup.run();
    LOG.debug("DTLS warm-up handshake took {} ms", warm.toMillis());
    int srtpChecks = SrtpWarmup.run();
    LOG.debug("SRTP warm-up: {} round trips", srtpChecks);
    Database db = Database.start(config.database());
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    HazelcastClusterManager cm = ClusterSetup.clusterManager(config.cluster());
    VertxOptions options = new VertxOptions()
        .setPreferNativeTransport(true)
        .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
            .addLabels(Label.HTTP_METHOD, Label.HTTP_CODE, Label.HTTP_ROUTE))
        .setEventBusOptions(new EventBusOptions().setHost(config.cluster().host()).setPort(0));
    return Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory(registry))
        .withClusterManager(cm).buildClustered()
        .compose(vertx -> wire(config, db, vertx, cm, registry, clock)
            .recover(e -> vertx.close().transform(x -> Future.failedFuture(e))))
        .onFailure(e -> closeQuietly(db));
  }

  /** Capture control: the {@code SfuRequest.Record} command to the SFU of the meeting's home node (its dispatcher picks the worker). */
  private static io.confero.recording.control.CaptureControl captureControl(Vertx vertx, HazelcastMeetingHomes homes) {
    return (r, on) -> {
      io.confero.meeting.MeetingId id = new io.confero.meeting.MeetingId(r.meetingId().toString());
      return homes.claim(id).compose(home -> vertx.eventBus().request(
          Addresses.sfuNode(home.nodeId()),
          new io.confero.codecs.sfu.SfuRequest.Record(id.value(), r.startedBy(), r.id().toString(), on),
          new io.vertx.core.eventbus.DeliveryOptions().setSendTimeout(120_000)))
          .onComplete(x -> vertx.eventBus().publish(Addresses.meetingEvents(id.value()),
              new MeetingEvent.RecordingChanged(id.value(), r.id().toString(), on))).mapEmpty();
    };
  }

  /** What one SFU worker captures recordings with (the workers share one executor for their file I/O). */
  private static io.confero.recording.capture.Captures captures(Vertx vertx, io.confero.config.RecordingConfig c,
      io.confero.recording.store.RecordingStore store, Clock clock) {
    io.vertx.core.WorkerExecutor io = vertx.createSharedWorkerExecutor("recording-capture", 4);
    java.util.function.LongSupplier micros = () -> {
      java.time.Instant now = clock.instant();
      return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    };
    return new io.confero.recording.capture.Captures(rid -> new io.confero.recording.capture.MeetingCapture(rid, io,
        java.nio.file.Path.of(c.workDir()), store, micros, c.chunkLength()), c.flushInterval());
  }

  private static Future<Confero> wire(ConferoConfig config, Database db, Vertx vertx, HazelcastClusterManager cm,
      PrometheusMeterRegistry registry, Clock clock) {
    HazelcastInstance hz = cm.getHazelcastInstance();
    SfuCodec.registerAll(vertx.eventBus());
    io.confero.sfu.cascade.CascadeCodec.register(vertx.eventBus());
    MeetingEvent.Codec.register(vertx.eventBus());
    MeetingEvent.RecordingCodec.register(vertx.eventBus());
    MeetingEvent.RelayedCodec.register(vertx.eventBus());
    MeetingEvent.RosterCodec.register(vertx.eventBus());
    SeatEnded.Codec.register(vertx.eventBus());
    SecureRandom random = new SecureRandom();
    Pool pool = db.pool(vertx);
    SecretRepository secrets = new SecretRepository(pool, random);
    ApiKeyRepository keys = new ApiKeyRepository(pool, random);
    MeetingDirectory liveDirectory = new HazelcastMeetingDirectory(vertx, hz);
    MeetingRepository meetingRepo = new MeetingRepository(pool);
    EventLogRepository eventLog = new EventLogRepository(pool, clock);
    MeetingDirectory directory = new SeatEndNotices(new DurableMeetingDirectory(liveDirectory, meetingRepo, eventLog,
        new RestoredHolds(vertx, liveDirectory, eventLog, config.signaling().reconnectGrace())), clock,
        seat -> vertx.eventBus().publish(Addresses.turnSeatsEnded(), seat));
    HazelcastMeetingHomes homes = new HazelcastMeetingHomes(vertx, hz, cm.getNodeId(), config.signaling().publicUrl(),
        node -> cm.getNodes().contains(node));
    var recordings = new java.util.concurrent.atomic.AtomicReference<RecordingComponents>();
    MeetingService meetings = new MeetingService(meetingRepo, new ParticipantRepository(pool), eventLog, directory,
        random, clock, (id, reason) -> {
          recordings.get().service().stopActive(id, "meeting-ended")
              .onFailure(e -> LOG.warn("stopping the recording of ended meeting {} failed", id.value(), e));
          homes.release(id).onFailure(e -> LOG.warn("forgetting the home of meeting {} failed", id.value(), e));
          vertx.eventBus().publish(Addresses.meetingEvents(id.value()), new MeetingEvent.Ended(id.value(), reason));
        });
    Redis redis = config.redis().enabled() ? Redis.createClient(vertx, config.redis().url()) : null;
    RateLimiter limiter = redis != null
        ? new RedisRateLimiter(redis, config.api().rateLimitPerMinute(), clock::millis)
        : new LocalRateLimiter(config.api().rateLimitPerMinute(), clock::millis);
    RateLimiter webCreateLimiter = redis != null
        ? new RedisRateLimiter(redis, config.web().createRateLimitPerMinute(), clock::millis)
        : new LocalRateLimiter(config.web().createRateLimitPerMinute(), clock::millis);
    Future<byte[]> signingKey = secrets.getOrCreate("jwt-signing-key", 32);
    Future<String> turnSecret = config.turn().secret().isBlank()
        ? secrets.getOrCreate("turn-secret", 24).map(b -> Base64.getUrlEncoder().withoutPadding().encodeToString(b))
        : Future.succeededFuture(config.turn().secret());
    Future<Void> tenants = bootstrapKey(config, keys).compose(v -> keys.ensureTenant(new TenantId(config.api().tenant())));
    Future<byte[]> linkSecret = config.recording().linkSecret().isEmpty()
        ? secrets.getOrCreate("recording-link-secret", 32)
        : Future.succeededFuture(config.recording().linkSecret().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return Future.all(signingKey, turnSecret, tenants, homes.publish(), linkSecret).compose(x -> {
      int workers = config.sfu().workerCount();
      recordings.set(RecordingComponents.create(config.recording(), pool, clock, cm.getNodeId(),
          config.http().publicUrl(), linkSecret.result(), captureControl(vertx, homes),
          node -> cm.getNodes().contains(node)));
      TokenService tokens = new TokenService(vertx, signingKey.result(), config.api().tokenTtlSeconds(),
          config.api().sessionTokenTtlSeconds());
      List<SfuVerticle> sfus = new ArrayList<>();
      io.confero.meeting.HomeDirectory served = config.cluster().cascade() ? homes.servingHere() : homes;
      io.confero.sfu.SfuNode sfuNode = io.confero.sfu.SfuNode.of(workers, registry).withSpans(config.cluster().cascade()
          ? new io.confero.sfu.cascade.HazelcastMeetingSpans(hz, node -> cm.getNodes().contains(node))
          : io.confero.sfu.cascade.MeetingSpans.NONE);
      for (int i = 0; i < workers; i++) {
        sfus.add(new SfuVerticle(config.sfu(), cm.getNodeId(), i, registry,
            captures(vertx, config.recording(), recordings.get().store(), clock), sfuNode));
      }
      io.confero.sfu.SfuDispatchVerticle sfuDispatch = new io.confero.sfu.SfuDispatchVerticle(cm.getNodeId(),
          sfuNode.loads(), config.sfu().spreadThreshold(), registry);
      SignalingVerticle signaling = new SignalingVerticle(config.signaling(), new SignalingComponents(tokens,
          directory, meetingRepo, eventLog, new io.confero.store.ChatRepository(pool), registry, cm.getNodeId(), workers,
          clock, served, recordings.get().service(), config.cluster().cascade()));
      TurnVerticle turn = config.turn().enabled()
          ? new TurnVerticle(turnConfig(config.turn(), turnSecret.result()), registry) : null;
      Future<?> sfuUp = Future.all(sfus.stream().map(v -> (Future<?>) vertx.deployVerticle(v)).toList())
          .compose(v -> vertx.deployVerticle(sfuDispatch));
      Future<?> turnUp = turn != null ? vertx.deployVerticle(turn) : Future.succeededFuture();
      WebhookVerticle webhooks = new WebhookVerticle(config.webhooks(), new DeliveryQueue(pool), clock,
          random::nextDouble);
      Future<?> analyticsUp = config.kafka().enabled()
          ? vertx.deployVerticle(new AnalyticsRelay(pool, new KafkaAnalyticsSink(vertx, config.kafka()), clock,
              config.webhooks().pollIntervalMs()), new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER))
          : Future.succeededFuture();
      return Future.all(sfuUp, turnUp, analyticsUp).compose(y -> vertx.deployVerticle(webhooks))
          .compose(y -> vertx.deployVerticle(recordings.get().verticle()))
          .compose(y -> vertx.deployVerticle(signaling)).compose(y -> {
            // the join response names the TURN ports actually bound (turn.*_port = 0 means ephemeral)
            IceServers ice = iceServers(config.turn(), turn, turnSecret.result(), clock);
            ApiVerticle api = new ApiVerticle(config, new ApiComponents(meetings, tokens, keys, limiter, ice, pool,
                () -> hz.getPartitionService().isClusterSafe(), registry, new WebhookStore(pool, random),
                webCreateLimiter, served, recordings.get().service(), recordings.get().store()));
            return vertx.deployVerticle(api).map(id -> {
              LOG.info("Confero listening on {} (HTTP port {}, signaling port {}, SFU UDP ports {}, TURN {}, {} transport)",
                  config.http().publicUrl(), api.actualPort(), signaling.actualPort(),
                  sfus.stream().map(SfuVerticle::port).toList(),
                  turn == null ? "off" : "UDP " + turn.udpPort() + ", TCP " + turn.tcpPort(),
                  vertx.isNativeTransportEnabled() ? "native epoll" : "NIO");
              return new Confero(config, db, vertx, pool, api, signaling, sfus, turn, redis, homes);
            });
          });
    });
  }

  /** The join response's ICE servers: this node's TURN server at {@code turn.public_host}, bound ports. */
  private static IceServers iceServers(ConferoConfig.Turn t, TurnVerticle turn, String secret, Clock clock) {
    if (turn == null) {
      return IceServers.none();
    }
    IceServers.Endpoint endpoint = new IceServers.Endpoint(t.publicHost(), turn.udpPort(), turn.tcpPort(),
        turn.tlsPort());
    return IceServers.turn(endpoint, secret, t.credentialTtlSeconds(), clock);
  }

  private static TurnConfig turnConfig(ConferoConfig.Turn t, String secret) {
    return new TurnConfig(t.enabled(), t.listenHost(), t.udpPort(), t.tcpPort(), t.tlsPort() == 0 ? -1 : t.tlsPort(),
        t.tlsCertPath(), t.tlsKeyPath(), t.realm(), secret, t.relayHost(), t.allowLoopbackPeers(),
        t.allowPrivatePeers(), t.maxAllocations(), t.maxAllocationsPerUser(), t.bandwidthBytesPerSecond(),
        t.credentialTtlSeconds(), t.maxAllocationsPerMeeting());
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

  public int signalingPort() {
    return signaling.actualPort();
  }

  public List<Integer> sfuPorts() {
    return sfus.stream().map(SfuVerticle::port).toList();
  }

  /** This node's TURN server, when {@code turn.enabled}. */
  public Optional<TurnVerticle> turn() {
    return Optional.ofNullable(turn);
  }

  public int httpPort() {
    return api.actualPort();
  }

  public Pool pool() {
    return pool;
  }

  /** The port PostgreSQL listens on (the embedded server's, on 127.0.0.1). */
  public int databasePort() {
    return database.port();
  }

  /**
   * Stops everything, in the order that loses nothing: {@code /readiness} turns 503 and this node
   * leaves the cluster's node map (no new joins are sent here), the REST server stops accepting
   * and finishes requests in flight, signaling tells every client to reconnect (1012) and logs their holds, and only then the pool,
   * Vert.x and the embedded database close. Blocking: call it from a plain thread (main, a shutdown
   * hook, a test), never from an event loop.
   */
  public void close() throws Exception {
    try {
      api.startDraining();
      withdrawQuietly();
      awaitQuietly("draining the REST API", api.drain(DRAIN));
      awaitQuietly("draining signaling", signaling.drain(DRAIN));
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

  /** How long each drain step of {@link #close} may take. */
  private static final Duration DRAIN = Duration.ofSeconds(10);

  private static void awaitQuietly(String what, Future<?> f) {
    try {
      f.toCompletionStage().toCompletableFuture().get(DRAIN.toSeconds() + 5, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("{} failed", what, e);
    }
  }

  /** Takes this node's signaling URL out of the cluster's node map, so no join is sent here any more. */
  private void withdrawQuietly() {
    try {
      homes.withdraw().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("withdrawing this node from {} failed", HazelcastMeetingHomes.NODES_MAP, e);
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
