package io.confero.config;

import static io.confero.config.ConfigKey.Type.BOOLEAN;
import static io.confero.config.ConfigKey.Type.DURATION;
import static io.confero.config.ConfigKey.Type.INT;
import static io.confero.config.ConfigKey.Type.LONG;
import static io.confero.config.ConfigKey.Type.SECRET;
import static io.confero.config.ConfigKey.Type.STRING;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every configuration key Confero knows. {@code conf/confero.properties} documents each one. */
public final class ConfigKeys {
  private ConfigKeys() {}

  public static final List<ConfigKey> ALL = List.of(
      new ConfigKey("http.host", STRING, "0.0.0.0", "Interface the HTTP server (REST, web client, health, metrics) binds to"),
      new ConfigKey("http.port", INT, "8080", "HTTP port"),
      new ConfigKey("http.public_url", STRING, "", "Base URL users reach Confero at (join links); empty = http://localhost:<http.port>"),
      new ConfigKey("http.body_limit_bytes", INT, "65536", "Largest accepted request body; larger gets 413"),
      new ConfigKey("http.webroot", STRING, "webroot", "Folder holding the web client; falls back to the copy inside the jar"),
      new ConfigKey("signaling.host", STRING, "0.0.0.0", "Interface the signaling WebSocket server binds to"),
      new ConfigKey("signaling.port", INT, "8081", "Signaling WebSocket port (path /ws)"),
      new ConfigKey("signaling.public_url", STRING, "", "This node's own WebSocket URL handed to clients (in a cluster each node needs its own); empty = ws://<host of http.public_url>:<signaling.port>/ws"),
      new ConfigKey("signaling.reconnect_grace", DURATION, "30s", "How long a participant whose connection dropped stays in the meeting to reconnect (500ms, 30s, 2m); 0s = leave at once"),
      new ConfigKey("signaling.batch_above", INT, "50", "Meetings with more connections on a node than this get participant join, update and leave events batched (one participants_changed frame per signaling.batch_interval); 0 = batch in every meeting"),
      new ConfigKey("signaling.batch_interval", DURATION, "150ms", "How often a large meeting's batched participant events are sent (50ms to 2s)"),
      new ConfigKey("database.mode", STRING, "embedded", "embedded (PostgreSQL binaries from Maven, data in database.data_dir) or external"),
      new ConfigKey("database.data_dir", STRING, "data/postgres", "Data folder of the embedded PostgreSQL; survives restarts"),
      new ConfigKey("database.embedded_port", INT, "0", "Port of the embedded PostgreSQL on 127.0.0.1; 0 = any free port"),
      new ConfigKey("database.host", STRING, "localhost", "External PostgreSQL host"),
      new ConfigKey("database.port", INT, "5432", "External PostgreSQL port"),
      new ConfigKey("database.name", STRING, "confero", "External PostgreSQL database name"),
      new ConfigKey("database.user", STRING, "confero", "External PostgreSQL user"),
      new ConfigKey("database.password", SECRET, "", "External PostgreSQL password"),
      new ConfigKey("database.pool_size", INT, "8", "Connections in the reactive PostgreSQL pool"),
      new ConfigKey("redis.url", STRING, "", "Redis connection string (redis://host:port); empty = in-process rate limits"),
      new ConfigKey("kafka.bootstrap_servers", STRING, "", "Kafka bootstrap servers for analytics; empty = analytics off"),
      new ConfigKey("kafka.topic", STRING, "confero.analytics", "Kafka topic analytics events go to"),
      new ConfigKey("webhooks.allow_insecure_targets", BOOLEAN, "false", "Allow http:// webhook URLs and loopback/private targets (local development and tests only)"),
      new ConfigKey("webhooks.timeout_ms", INT, "10000", "Connect and response timeout of one webhook delivery attempt"),
      new ConfigKey("webhooks.initial_backoff_seconds", INT, "10", "Delay before the first retry of a failed delivery; doubles each attempt, with jitter"),
      new ConfigKey("webhooks.max_backoff_seconds", INT, "3600", "Longest delay between two delivery attempts"),
      new ConfigKey("webhooks.retry_window_seconds", INT, "259200", "Time after the event within which failed deliveries are retried; then dead-lettered"),
      new ConfigKey("webhooks.max_in_flight_per_endpoint", INT, "4", "Deliveries one node sends to one endpoint at a time (of at most 64 in all), so a slow receiver holds only its own slots"),
      new ConfigKey("webhooks.poll_interval_ms", INT, "1000", "How often the delivery worker looks for due deliveries"),
      new ConfigKey("webhooks.secret_rotation_grace_seconds", INT, "86400", "How long the previous secret keeps signing after a rotation"),
      new ConfigKey("cluster.name", STRING, "confero", "Hazelcast cluster name; members with another name never join"),
      new ConfigKey("cluster.host", STRING, "127.0.0.1", "Address this member's Hazelcast and event bus bind to and announce"),
      new ConfigKey("cluster.port", INT, "5701", "Hazelcast port (auto-increments when taken)"),
      new ConfigKey("cluster.members", STRING, "", "Comma-separated host[:port] of other members (TCP-IP join); empty = single member"),
      new ConfigKey("cluster.backup_count", INT, "1", "Synchronous backups of each meeting-state partition"),
      new ConfigKey("cluster.cascade", BOOLEAN, "false", "Meetings span nodes: a participant is served by the node whose API answered its join, and each node relays its publishers' streams once to every other node of the meeting over encrypted UDP links (off = one home node per meeting)"),
      new ConfigKey("api.key", STRING, "", "Bootstrap API key (CONFERO_API_KEY); empty = generated on first start and printed once"),
      new ConfigKey("api.secret", SECRET, "", "Bootstrap API secret (CONFERO_API_SECRET), required when api.key is set"),
      new ConfigKey("api.tenant", STRING, "default", "Tenant the bootstrap API key belongs to"),
      new ConfigKey("api.token_ttl_seconds", INT, "3600", "Lifetime of integrator bearer tokens"),
      new ConfigKey("api.rate_limit_per_minute", INT, "600", "Requests per minute per API key (and per client address for guest paths)"),
      new ConfigKey("api.join_rate_per_second", INT, "100", "Admission control: joins (POST /j/{code}/join, POST /api/v1/meetings/{id}/join) this node admits per second on average; more get 429 join-rate-limited with Retry-After and the web client retries with jitter"),
      new ConfigKey("api.join_burst", INT, "200", "Admission control: joins admitted at once before api.join_rate_per_second applies"),
      new ConfigKey("web.open_create", BOOLEAN, "true", "Lets anyone who can reach the home page create meetings in the api.tenant tenant (POST /web/meetings); turn off on public deployments that create meetings only through the API"),
      new ConfigKey("web.create_rate_limit_per_minute", INT, "10", "Meetings the home page may create per minute per client address"),
      new ConfigKey("session.token_ttl_seconds", INT, "3600", "Lifetime of participant session tokens"),
      new ConfigKey("media.region", STRING, "local", "Region name reported in join responses"),
      new ConfigKey("sfu.workers", INT, "0", "SFU worker verticles, each owning one UDP port; 0 = one per core"),
      new ConfigKey("sfu.spread_threshold", INT, "16", "Participants of one meeting on a node from which it spreads over the node's SFU workers (newcomers go to the least-loaded worker, streams cross between workers over in-memory pipes); smaller meetings stay on one worker"),
      new ConfigKey("sfu.bind_host", STRING, "0.0.0.0", "Interface SFU UDP sockets bind to"),
      new ConfigKey("sfu.port", INT, "10000", "UDP port of SFU worker 0; worker i uses sfu.port + i"),
      new ConfigKey("sfu.announced_address", STRING, "127.0.0.1", "Address put in ICE candidates (public or node address behind NAT / Kubernetes)"),
      new ConfigKey("sfu.audio_slots", INT, "3", "Large meetings: loudest speakers each participant hears besides the dominant one, in fixed audio slots; 0 = one audio stream per participant always"),
      new ConfigKey("sfu.audio_slots_above", INT, "10", "Meeting size above which audio goes in slots (sfu.audio_slots) instead of one stream per participant"),
      new ConfigKey("turn.enabled", BOOLEAN, "true", "Run Confero's TURN server"),
      new ConfigKey("turn.listen_host", STRING, "0.0.0.0", "Interface the TURN listeners bind to"),
      new ConfigKey("turn.udp_port", INT, "3478", "TURN/STUN UDP port"),
      new ConfigKey("turn.tcp_port", INT, "3478", "TURN/STUN TCP port"),
      new ConfigKey("turn.tls_port", INT, "0", "TURNS (TLS) port; 0 = off (443 in deployments)"),
      new ConfigKey("turn.tls_cert_path", STRING, "", "PEM certificate for TURNS; empty = self-signed"),
      new ConfigKey("turn.tls_key_path", STRING, "", "PEM private key for TURNS"),
      new ConfigKey("turn.realm", STRING, "confero", "TURN realm"),
      new ConfigKey("turn.secret", SECRET, "", "Shared secret for time-limited TURN credentials; empty = generated at start"),
      new ConfigKey("turn.public_host", STRING, "", "Host put in turn:/stun: URLs; empty = host of http.public_url"),
      new ConfigKey("turn.relay_host", STRING, "127.0.0.1", "Address relayed sockets bind to and announce"),
      new ConfigKey("turn.allow_loopback_peers", BOOLEAN, "false", "Allow relaying to loopback peers (tests only)"),
      new ConfigKey("turn.allow_private_peers", BOOLEAN, "false", "Allow relaying to private, link-local and unique-local peers"),
      new ConfigKey("turn.max_allocations", INT, "1000", "Allocations in total"),
      new ConfigKey("turn.max_allocations_per_user", INT, "10", "Allocations per user"),
      new ConfigKey("turn.max_allocations_per_meeting", INT, "100", "Allocations of all the seats of one meeting together"),
      new ConfigKey("turn.bandwidth_bytes_per_second", LONG, "1250000", "Relay bandwidth cap per allocation"),
      new ConfigKey("turn.credential_ttl_seconds", INT, "86400", "Lifetime of TURN credentials handed out on join"),
      new ConfigKey("recording.store", STRING, "local", "Where recordings are kept: local (recording.local_dir) or s3 (recording.s3.*)"),
      new ConfigKey("recording.local_dir", STRING, "data/recordings", "Folder of the local recording store"),
      new ConfigKey("recording.work_dir", STRING, "data/recording-work", "Scratch folder for capture chunks before upload and for compositing"),
      new ConfigKey("recording.s3.endpoint", STRING, "", "S3-compatible endpoint URL (https://s3.<region>.amazonaws.com, a MinIO or Ceph URL)"),
      new ConfigKey("recording.s3.region", STRING, "us-east-1", "Signing region of the S3 store"),
      new ConfigKey("recording.s3.bucket", STRING, "", "Bucket recordings go to (must exist)"),
      new ConfigKey("recording.s3.access_key", STRING, "", "S3 access key id"),
      new ConfigKey("recording.s3.secret_key", SECRET, "", "S3 secret access key"),
      new ConfigKey("recording.s3.path_style", BOOLEAN, "true", "Address the bucket in the path (endpoint/bucket/key), as most non-AWS stores need"),
      new ConfigKey("recording.s3.prefix", STRING, "", "Key prefix inside the bucket"),
      new ConfigKey("recording.encoder", STRING, "auto", "H.264 encoder of the compositor: auto (h264_nvenc when an NVIDIA GPU works, else libx264), libx264 or h264_nvenc"),
      new ConfigKey("recording.flush_interval", DURATION, "2s", "How often captured packets are written and forced to disk (what a crash can lose)"),
      new ConfigKey("recording.chunk_length", DURATION, "30s", "Length of one track chunk file; closed chunks are uploaded while the meeting runs"),
      new ConfigKey("recording.raw_retention", DURATION, "168h", "How long raw track chunks are kept after a recording is composited (or failed)"),
      new ConfigKey("recording.link_ttl", DURATION, "24h", "Lifetime of signed download links"),
      new ConfigKey("recording.link_secret", SECRET, "", "HMAC secret of download links (at least 16 characters); empty = generated at start (links then work only on this node until it restarts)"),
      new ConfigKey("recording.compositor_poll_interval", DURATION, "2s", "How often the compositor looks for queued recordings"),
      new ConfigKey("recording.compositor_max_attempts", INT, "5", "Compositing attempts before a recording is marked failed"));

  private static final Map<String, ConfigKey> BY_NAME = index();

  private static Map<String, ConfigKey> index() {
    Map<String, ConfigKey> m = new LinkedHashMap<>();
    for (ConfigKey k : ALL) {
      if (m.put(k.name(), k) != null) {
        throw new IllegalStateException("duplicate key " + k.name());
      }
    }
    return m;
  }

  public static Optional<ConfigKey> find(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }
}
