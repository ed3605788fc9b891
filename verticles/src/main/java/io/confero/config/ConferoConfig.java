package io.confero.config;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

/** The whole typed configuration, built once by {@link ConfigLoader} and handed to each part. */
public record ConferoConfig(
    Http http, Signaling signaling, Database database, Redis redis, Kafka kafka, Cluster cluster,
    Api api, Media media, Sfu sfu, Turn turn, Webhooks webhooks, Web web, RecordingConfig recording) {

  public record Http(String host, int port, String publicUrl, int bodyLimitBytes, String webroot) {
    public Http {
      if (!publicUrl.startsWith("http://") && !publicUrl.startsWith("https://")) {
        throw new ConfigException("http.public_url", "must start with http:// or https://");
      }
      publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    public String publicHost() {
      return URI.create(publicUrl).getHost();
    }
  }

  /** The signaling plane; {@code reconnectGrace} is how long a dropped participant is held (zero: no hold). */
  /**
   * @param batchAbove rooms with more connections get participant events batched (ParticipantBatches)
   * @param batchInterval how often batched participant events go out
   */
  public record Signaling(String host, int port, String publicUrl, java.time.Duration reconnectGrace, int batchAbove,
      java.time.Duration batchInterval) {
    public Signaling {
      if (batchInterval.toMillis() < 50 || batchInterval.toMillis() > 2000) {
        throw new ConfigException("signaling.batch_interval", "must be from 50ms to 2s, got " + batchInterval);
      }
    }
  }

  public record Database(String mode, String dataDir, int embeddedPort, String host, int port,
      String name, String user, String password, int poolSize) {
    public Database {
      if (!mode.equals("embedded") && !mode.equals("external")) {
        throw new ConfigException("database.mode", "must be embedded or external, got '" + mode + "'");
      }
    }

    public boolean embedded() {
      return mode.equals("embedded");
    }

    @Override
    public String toString() {
      return "Database[mode=" + mode + ", dataDir=" + dataDir + ", host=" + host + ", port=" + port
          + ", name=" + name + ", user=" + user + ", password=***]";
    }
  }

  public record Redis(String url) {
    public boolean enabled() {
      return !url.isBlank();
    }
  }

  public record Kafka(String bootstrapServers, String topic) {
    public boolean enabled() {
      return !bootstrapServers.isBlank();
    }
  }

  /** Webhook delivery: target policy, per-attempt timeout, retry schedule and dead-letter window. */
  public record Webhooks(boolean allowInsecureTargets, int timeoutMs, int initialBackoffSeconds,
      int maxBackoffSeconds, int retryWindowSeconds, int pollIntervalMs, int secretRotationGraceSeconds,
      int maxInFlightPerEndpoint) {
    public Webhooks {
      if (maxBackoffSeconds < initialBackoffSeconds) {
        throw new ConfigException("webhooks.max_backoff_seconds", "must be at least webhooks.initial_backoff_seconds");
      }
    }
  }

  public record Cluster(String name, String host, int port, List<String> members, int backupCount, boolean cascade) {}

  public record Api(String key, String secret, String tenant, int tokenTtlSeconds,
      int rateLimitPerMinute, int sessionTokenTtlSeconds, int joinRatePerSecond, int joinBurst) {
    public Api {
      if (!key.isBlank() && secret.length() < 16) {
        throw new ConfigException("api.secret", "must be at least 16 characters when api.key is set");
      }
      if (key.isBlank() && !secret.isBlank()) {
        throw new ConfigException("api.key", "must be set when api.secret is set");
      }
    }

    @Override
    public String toString() {
      return "Api[key=" + key + ", secret=***, tenant=" + tenant + "]";
    }
  }

  public record Media(String region) {}

  /** The home page's meeting creation: open to anyone who reaches it, within a per-address budget. */
  public record Web(boolean openCreate, int createRateLimitPerMinute) {}

  /**
   * {@code audioSlots}: loudest speakers each subscriber hears besides the dominant one in a large
   * meeting (0: one stream per participant always); {@code audioSlotsAbove}: the meeting size above
   * which slots are used; {@code spreadThreshold}: participants of one meeting on a node from which
   * it spreads over the node's workers.
   */
  public record Sfu(int workers, String bindHost, int port, String announcedAddress, int audioSlots,
      int audioSlotsAbove, int spreadThreshold) {
    public int workerCount() {
      return workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
    }
  }

  public record Turn(boolean enabled, String listenHost, int udpPort, int tcpPort, int tlsPort,
      String tlsCertPath, String tlsKeyPath, String realm, String secret, String publicHost,
      String relayHost, boolean allowLoopbackPeers, boolean allowPrivatePeers, int maxAllocations,
      int maxAllocationsPerUser, long bandwidthBytesPerSecond, int credentialTtlSeconds,
      int maxAllocationsPerMeeting) {
    @Override
    public String toString() {
      return "Turn[enabled=" + enabled + ", udpPort=" + udpPort + ", tcpPort=" + tcpPort
          + ", tlsPort=" + tlsPort + ", realm=" + realm + ", secret=***]";
    }
  }

  static ConferoConfig from(ConfigValues v) {
    int httpPort = v.intIn("http.port", 0, 65535);
    String publicUrl = v.string("http.public_url").isBlank()
        ? "http://localhost:" + httpPort : v.string("http.public_url");
    Http http = new Http(v.string("http.host"), httpPort, publicUrl,
        v.intIn("http.body_limit_bytes", 1024, 64 * 1024 * 1024), v.string("http.webroot"));
    int sigPort = v.intIn("signaling.port", 0, 65535);
    String sigUrl = v.string("signaling.public_url").isBlank()
        ? "ws://" + http.publicHost() + ":" + sigPort + "/ws" : v.string("signaling.public_url");
    if (!sigUrl.startsWith("ws://") && !sigUrl.startsWith("wss://")) {
      throw new ConfigException("signaling.public_url", "must start with ws:// or wss://");
    }
    Database db = new Database(v.string("database.mode"), v.string("database.data_dir"),
        v.intIn("database.embedded_port", 0, 65535), v.string("database.host"),
        v.intIn("database.port", 1, 65535), v.string("database.name"), v.string("database.user"),
        v.string("database.password"), v.intIn("database.pool_size", 1, 256));
    Cluster cluster = new Cluster(v.string("cluster.name"), v.string("cluster.host"),
        v.intIn("cluster.port", 1, 65535), splitList(v.string("cluster.members")),
        v.intIn("cluster.backup_count", 0, 6), v.bool("cluster.cascade"));
    Api api = new Api(v.string("api.key"), v.string("api.secret"), v.string("api.tenant"),
        v.intIn("api.token_ttl_seconds", 60, 86400), v.intIn("api.rate_limit_per_minute", 1, 1_000_000),
        v.intIn("session.token_ttl_seconds", 60, 86400), v.intIn("api.join_rate_per_second", 1, 1_000_000),
        v.intIn("api.join_burst", 1, 1_000_000));
    Sfu sfu = new Sfu(v.intIn("sfu.workers", 0, 256), v.string("sfu.bind_host"),
        v.intIn("sfu.port", 0, 65535), v.string("sfu.announced_address"), v.intIn("sfu.audio_slots", 0, 16),
        v.intIn("sfu.audio_slots_above", 1, 100_000), v.intIn("sfu.spread_threshold", 1, 100_000));
    String turnHost = v.string("turn.public_host").isBlank() ? http.publicHost() : v.string("turn.public_host");
    Turn turn = new Turn(v.bool("turn.enabled"), v.string("turn.listen_host"),
        v.intIn("turn.udp_port", 0, 65535), v.intIn("turn.tcp_port", 0, 65535),
        v.intIn("turn.tls_port", 0, 65535), v.string("turn.tls_cert_path"),
        v.string("turn.tls_key_path"), v.string("turn.realm"), v.string("turn.secret"), turnHost,
        v.string("turn.relay_host"), v.bool("turn.allow_loopback_peers"),
        v.bool("turn.allow_private_peers"), v.intIn("turn.max_allocations", 1, 1_000_000),
        v.intIn("turn.max_allocations_per_user", 1, 10_000),
        v.longValue("turn.bandwidth_bytes_per_second"),
        v.intIn("turn.credential_ttl_seconds", 60, 7 * 86400),
        v.intIn("turn.max_allocations_per_meeting", 1, 1_000_000));
    return new ConferoConfig(http, new Signaling(v.string("signaling.host"), sigPort, sigUrl,
        v.duration("signaling.reconnect_grace"), v.intIn("signaling.batch_above", 0, 1_000_000),
        v.duration("signaling.batch_interval")), db,
        new Redis(v.string("redis.url")),
        new Kafka(v.string("kafka.bootstrap_servers"), v.string("kafka.topic")), cluster, api,
        new Media(v.string("media.region")), sfu, turn, webhooks(v),
        new Web(v.bool("web.open_create"), v.intIn("web.create_rate_limit_per_minute", 1, 1_000_000)),
        RecordingConfig.from(v));
  }

  private static Webhooks webhooks(ConfigValues v) {
    return new Webhooks(v.bool("webhooks.allow_insecure_targets"), v.intIn("webhooks.timeout_ms", 100, 600_000),
        v.intIn("webhooks.initial_backoff_seconds", 1, 86400), v.intIn("webhooks.max_backoff_seconds", 1, 86400),
        v.intIn("webhooks.retry_window_seconds", 1, 30 * 86400), v.intIn("webhooks.poll_interval_ms", 10, 60_000),
        v.intIn("webhooks.secret_rotation_grace_seconds", 0, 30 * 86400),
        v.intIn("webhooks.max_in_flight_per_endpoint", 1, 64));
  }

  private static List<String> splitList(String s) {
    return Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
  }
}
