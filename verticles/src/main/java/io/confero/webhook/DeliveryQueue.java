package io.confero.webhook;

import static io.confero.webhook.WebhookStore.instant;
import static io.confero.webhook.WebhookStore.odt;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The worker side of the outbox. {@link #claim} leases due deliveries with
 * {@code SELECT ... FOR UPDATE SKIP LOCKED}, so any number of workers on any number of nodes share
 * the queue without handing one row to two of them; only the head of each (endpoint, meeting)
 * queue is due, which keeps deliveries ordered per meeting. Due rows are picked endpoint by
 * endpoint, at most the endpoint's free slots each (oldest first), so a backlog of one slow or
 * dead receiver is never what fills a claim while another endpoint has due rows. A lease is a
 * {@code next_attempt_at} in the future: a worker that dies mid-delivery leaves the row to be
 * claimed again once it expires.
 */
public final class DeliveryQueue {
  private static final String CLAIM = "WITH picked AS ("
      + " SELECT c.delivery_id, c.next_attempt_at FROM webhook_endpoints e"
      + " LEFT JOIN unnest($4::uuid[], $5::int[]) AS b(endpoint_id, busy) ON b.endpoint_id = e.endpoint_id"
      + " CROSS JOIN LATERAL (SELECT d.delivery_id, d.next_attempt_at FROM webhook_deliveries d"
      + "   WHERE d.endpoint_id = e.endpoint_id AND d.status = 'pending' AND d.next_attempt_at <= $1"
      + "   AND NOT EXISTS (SELECT 1 FROM webhook_deliveries p WHERE p.endpoint_id = d.endpoint_id"
      + "     AND p.ordering_key = d.ordering_key AND p.status = 'pending' AND p.delivery_id < d.delivery_id)"
      + "   ORDER BY d.next_attempt_at, d.delivery_id LIMIT GREATEST($6 - COALESCE(b.busy, 0), 0)) c"
      + " ORDER BY c.next_attempt_at, c.delivery_id LIMIT $3),"
      + " due AS (SELECT d.delivery_id FROM webhook_deliveries d"
      + " WHERE d.delivery_id IN (SELECT delivery_id FROM picked) AND d.status = 'pending' AND d.next_attempt_at <= $1"
      + " FOR UPDATE OF d SKIP LOCKED)"
      + " UPDATE webhook_deliveries d SET next_attempt_at = $2"
      + " FROM due, webhook_events ev, webhook_endpoints e"
      + " WHERE d.delivery_id = due.delivery_id AND ev.event_id = d.event_id AND e.endpoint_id = d.endpoint_id"
      + " RETURNING d.delivery_id, d.attempts, d.created_at, ev.event_id, ev.type, ev.tenant_id, ev.occurred_at,"
      + " ev.payload, e.endpoint_id, e.url, e.secret, e.previous_secret, e.previous_secret_until";

  private final Pool pool;

  public DeliveryQueue(Pool pool) {
    this.pool = pool;
  }

  /** A leased delivery with everything needed to send it. */
  public record Claimed(long deliveryId, int attempts, Instant windowStart, UUID eventId, String type, String tenant,
      Instant occurredAt, JsonObject payload, UUID endpointId, String url, List<String> secrets) {

    /** The request body: the event envelope receivers parse. */
    public JsonObject envelope() {
      return new JsonObject().put("id", eventId.toString()).put("type", type).put("time", occurredAt.toString())
          .put("tenant", tenant).put("data", payload);
    }
  }

  /**
   * Leases up to {@code limit} due deliveries until {@code leaseUntil}, at most
   * {@code perEndpoint - busy.get(endpoint)} of any one endpoint ({@code busy}: this worker's
   * deliveries in flight per endpoint; an endpoint at its cap gets none).
   */
  public Future<List<Claimed>> claim(Instant now, Instant leaseUntil, int limit, int perEndpoint,
      Map<UUID, Integer> busy) {
    UUID[] ids = busy.keySet().toArray(new UUID[0]);
    Integer[] counts = new Integer[ids.length];
    for (int i = 0; i < ids.length; i++) {
      counts[i] = busy.get(ids[i]);
    }
    return pool.preparedQuery(CLAIM)
        .execute(Tuple.tuple(List.of(odt(now), odt(leaseUntil), limit, ids, counts, perEndpoint))).map(rows -> {
          List<Claimed> out = new ArrayList<>();
          rows.forEach(r -> out.add(claimed(r, now)));
          return out;
        });
  }

  /** Marks delivered; a no-op when it already was (so "delivered once" holds for the record). */
  public Future<Void> delivered(long id, Instant now, int httpStatus) {
    return pool.preparedQuery("UPDATE webhook_deliveries SET status='delivered', delivered_at=$2,"
            + " attempts=attempts+1, last_status=$3, last_error=NULL WHERE delivery_id=$1 AND status='pending'")
        .execute(Tuple.of(id, odt(now), httpStatus)).mapEmpty();
  }

  /** Records a failed attempt: due again at {@code next}, or dead-lettered when {@code next} is null. */
  public Future<Void> failed(long id, Instant next, Integer httpStatus, String error, Instant now) {
    return pool.preparedQuery("UPDATE webhook_deliveries SET attempts=attempts+1, last_status=$3, last_error=$4,"
            + " status = CASE WHEN $2::timestamptz IS NULL THEN 'dead' ELSE 'pending' END,"
            + " next_attempt_at = COALESCE($2::timestamptz, $5) WHERE delivery_id=$1 AND status='pending'")
        .execute(Tuple.of(id, odt(next), httpStatus, truncate(error), odt(now))).mapEmpty();
  }

  private static Claimed claimed(Row r, Instant now) {
    List<String> secrets = new ArrayList<>();
    secrets.add(r.getString("secret"));
    Instant until = instant(r.getOffsetDateTime("previous_secret_until"));
    if (r.getString("previous_secret") != null && until != null && until.isAfter(now)) {
      secrets.add(r.getString("previous_secret"));
    }
    return new Claimed(r.getLong("delivery_id"), r.getInteger("attempts"), instant(r.getOffsetDateTime("created_at")),
        r.getUUID("event_id"), r.getString("type"), r.getString("tenant_id"),
        instant(r.getOffsetDateTime("occurred_at")), (JsonObject) r.getJson("payload"), r.getUUID("endpoint_id"),
        r.getString("url"), List.copyOf(secrets));
  }

  private static String truncate(String s) {
    return s == null || s.length() <= 500 ? s : s.substring(0, 500);
  }
}
