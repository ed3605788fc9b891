package io.confero.webhook;

import io.confero.meeting.TenantId;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Webhook endpoints and the delivery views the REST API shows, scoped to a tenant. */
public final class WebhookStore {
  private static final String ENDPOINT_COLUMNS = "endpoint_id, tenant_id, url, events, created_at, previous_secret_until";
  private static final String DELIVERY_COLUMNS = "d.delivery_id, d.event_id, ev.type, d.status, d.attempts,"
      + " d.next_attempt_at, d.created_at, d.delivered_at, d.last_status, d.last_error";

  private final Pool pool;
  private final SecureRandom random;

  public WebhookStore(Pool pool, SecureRandom random) {
    this.pool = pool;
    this.random = random;
  }

  /** An endpoint as listed (never with its secret). */
  public record Endpoint(UUID id, TenantId tenant, String url, List<String> events, Instant createdAt,
      Instant previousSecretUntil) {}

  /** An endpoint with its secret: the only time the secret is handed out. */
  public record WithSecret(Endpoint endpoint, String secret) {}

  /** One delivery of one event to one endpoint. */
  public record Delivery(long id, UUID eventId, String type, String status, int attempts, Instant nextAttemptAt,
      Instant createdAt, Instant deliveredAt, Integer lastStatus, String lastError) {}

  public Future<WithSecret> create(TenantId tenant, String url, List<String> events, Instant now) {
    UUID id = UUID.randomUUID();
    String secret = newSecret();
    return pool.preparedQuery("INSERT INTO webhook_endpoints (endpoint_id, tenant_id, url, events, secret, created_at)"
            + " VALUES ($1,$2,$3,$4,$5,$6)")
        .execute(Tuple.of(id, tenant.value(), url, events.toArray(new String[0]), secret, odt(now)))
        .map(r -> new WithSecret(new Endpoint(id, tenant, url, List.copyOf(events), now, null), secret));
  }

  public Future<List<Endpoint>> list(TenantId tenant) {
    return pool.preparedQuery("SELECT " + ENDPOINT_COLUMNS + " FROM webhook_endpoints WHERE tenant_id=$1"
            + " ORDER BY created_at, endpoint_id")
        .execute(Tuple.of(tenant.value())).map(rows -> {
          List<Endpoint> out = new ArrayList<>();
          rows.forEach(r -> out.add(endpoint(r)));
          return out;
        });
  }

  public Future<Optional<Endpoint>> find(TenantId tenant, UUID id) {
    return pool.preparedQuery("SELECT " + ENDPOINT_COLUMNS + " FROM webhook_endpoints WHERE tenant_id=$1 AND endpoint_id=$2")
        .execute(Tuple.of(tenant.value(), id))
        .map(rows -> rows.iterator().hasNext() ? Optional.of(endpoint(rows.iterator().next())) : Optional.empty());
  }

  public Future<Boolean> delete(TenantId tenant, UUID id) {
    return pool.preparedQuery("DELETE FROM webhook_endpoints WHERE tenant_id=$1 AND endpoint_id=$2")
        .execute(Tuple.of(tenant.value(), id)).map(r -> r.rowCount() == 1);
  }

  /** A new secret; the old one keeps signing (as a second {@code v1=}) until {@code graceUntil}. */
  public Future<Optional<WithSecret>> rotate(TenantId tenant, UUID id, Instant graceUntil) {
    String secret = newSecret();
    return pool.preparedQuery("UPDATE webhook_endpoints SET previous_secret=secret, secret=$3, previous_secret_until=$4"
            + " WHERE tenant_id=$1 AND endpoint_id=$2 RETURNING " + ENDPOINT_COLUMNS)
        .execute(Tuple.of(tenant.value(), id, secret, odt(graceUntil)))
        .map(rows -> rows.iterator().hasNext()
            ? Optional.of(new WithSecret(endpoint(rows.iterator().next()), secret)) : Optional.empty());
  }

  /** Queues a {@code webhook.test} event for this endpoint alone; its id, or empty when no such endpoint. */
  public Future<Optional<UUID>> sendTest(TenantId tenant, UUID endpoint, Instant now) {
    UUID event = UUID.randomUUID();
    JsonObject payload = new JsonObject().put("endpoint_id", endpoint.toString()).put("message", "test event");
    return pool.withTransaction(tx -> tx.preparedQuery("INSERT INTO webhook_events"
            + " (event_id, tenant_id, type, occurred_at, payload, analytics_at)"
            + " SELECT $1, tenant_id, 'webhook.test', $3, $4, $3 FROM webhook_endpoints WHERE tenant_id=$2 AND endpoint_id=$5")
        .execute(Tuple.of(event, tenant.value(), odt(now), payload, endpoint))
        .compose(r -> r.rowCount() == 0 ? Future.succeededFuture(Optional.<UUID>empty())
            : tx.preparedQuery("INSERT INTO webhook_deliveries (event_id, endpoint_id, ordering_key, status,"
                    + " next_attempt_at, created_at) VALUES ($1,$2,$3,'pending',$4,$4)")
                .execute(Tuple.of(event, endpoint, "test:" + event, odt(now))).map(x -> Optional.of(event))));
  }

  /** The endpoint's deliveries, newest first, optionally of one status (pending, delivered, dead). */
  public Future<List<Delivery>> deliveries(TenantId tenant, UUID endpoint, String status, int limit) {
    return pool.preparedQuery("SELECT " + DELIVERY_COLUMNS + " FROM webhook_deliveries d"
            + " JOIN webhook_events ev ON ev.event_id = d.event_id"
            + " JOIN webhook_endpoints e ON e.endpoint_id = d.endpoint_id"
            + " WHERE e.tenant_id=$1 AND d.endpoint_id=$2 AND ($3::text IS NULL OR d.status=$3)"
            + " ORDER BY d.delivery_id DESC LIMIT $4")
        .execute(Tuple.of(tenant.value(), endpoint, status, limit)).map(rows -> {
          List<Delivery> out = new ArrayList<>();
          rows.forEach(r -> out.add(delivery(r)));
          return out;
        });
  }

  /**
   * Queues a dead (or delivered) delivery again, due now, with a fresh retry window. Empty when no
   * such delivery is finished (unknown, another tenant's, or still pending).
   */
  public Future<Optional<Delivery>> redeliver(TenantId tenant, UUID endpoint, long deliveryId, Instant now) {
    return pool.preparedQuery("UPDATE webhook_deliveries d SET status='pending', next_attempt_at=$4, created_at=$4,"
            + " delivered_at=NULL FROM webhook_endpoints e, webhook_events ev"
            + " WHERE d.delivery_id=$3 AND d.endpoint_id=$2 AND e.endpoint_id=d.endpoint_id AND e.tenant_id=$1"
            + " AND ev.event_id=d.event_id AND d.status <> 'pending' RETURNING " + DELIVERY_COLUMNS)
        .execute(Tuple.of(tenant.value(), endpoint, deliveryId, odt(now)))
        .map(rows -> rows.iterator().hasNext() ? Optional.of(delivery(rows.iterator().next())) : Optional.empty());
  }

  private String newSecret() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static Endpoint endpoint(Row r) {
    return new Endpoint(r.getUUID("endpoint_id"), new TenantId(r.getString("tenant_id")), r.getString("url"),
        List.of(r.getArrayOfStrings("events")), instant(r.getOffsetDateTime("created_at")),
        instant(r.getOffsetDateTime("previous_secret_until")));
  }

  private static Delivery delivery(Row r) {
    return new Delivery(r.getLong("delivery_id"), r.getUUID("event_id"), r.getString("type"), r.getString("status"),
        r.getInteger("attempts"), instant(r.getOffsetDateTime("next_attempt_at")),
        instant(r.getOffsetDateTime("created_at")), instant(r.getOffsetDateTime("delivered_at")),
        r.getInteger("last_status"), r.getString("last_error"));
  }

  static OffsetDateTime odt(Instant i) {
    return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
  }

  static Instant instant(OffsetDateTime o) {
    return o == null ? null : o.toInstant();
  }
}
