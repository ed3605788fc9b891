package io.confero.analytics;

import io.confero.store.Outbox;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays meeting lifecycle and participant events from the outbox ({@code webhook_events}) to the
 * {@link AnalyticsSink}, oldest first, and marks them sent ({@code analytics_at}) in the same
 * transaction that locked them ({@code FOR UPDATE SKIP LOCKED}, so cluster members share the work).
 * A failed send rolls back and is retried on the next poll: at-least-once, keyed by event id. The
 * meeting path only writes the outbox row; Kafka is never waited on there. Deployed only when
 * {@code kafka.bootstrap_servers} is set, as a worker verticle (the Kafka client may block briefly).
 */
public final class AnalyticsRelay extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(AnalyticsRelay.class);
  private static final String SELECT = "SELECT event_id, tenant_id, type, meeting_id, occurred_at, payload"
      + " FROM webhook_events WHERE analytics_at IS NULL AND type = ANY ($1) ORDER BY seq LIMIT $2"
      + " FOR UPDATE SKIP LOCKED";
  static final int BATCH = 200;

  private final Pool pool;
  private final AnalyticsSink sink;
  private final Clock clock;
  private final long pollMs;
  private long timer = -1;
  private boolean busy;

  public AnalyticsRelay(Pool pool, AnalyticsSink sink, Clock clock, long pollMs) {
    this.pool = pool;
    this.sink = sink;
    this.clock = clock;
    this.pollMs = pollMs;
  }

  @Override
  public Future<?> start() {
    timer = vertx.setPeriodic(pollMs, id -> poll());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return sink.close();
  }

  private void poll() {
    if (busy) {
      return;
    }
    busy = true;
    pool.withTransaction(this::relayBatch).onComplete(ar -> {
      busy = false;
      if (ar.failed()) {
        LOG.warn("relaying analytics events failed; retrying on the next poll: {}", ar.cause().toString());
      } else if (ar.result() == BATCH) {
        vertx.runOnContext(v -> poll());
      }
    });
  }

  private Future<Integer> relayBatch(SqlConnection tx) {
    return tx.preparedQuery(SELECT).execute(Tuple.of(Outbox.TYPES.toArray(new String[0]), BATCH))
        .compose(rows -> sendAll(rows).compose(ids -> ids.isEmpty() ? Future.succeededFuture(0)
            : tx.preparedQuery("UPDATE webhook_events SET analytics_at=$2 WHERE event_id = ANY ($1)")
                .execute(Tuple.of(ids.toArray(new UUID[0]), OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)))
                .map(r -> ids.size())));
  }

  private Future<List<UUID>> sendAll(RowSet<Row> rows) {
    List<UUID> ids = new ArrayList<>();
    List<Future<Void>> sends = new ArrayList<>();
    for (Row r : rows) {
      ids.add(r.getUUID("event_id"));
      String key = r.getUUID("meeting_id") == null ? r.getString("tenant_id") : r.getUUID("meeting_id").toString();
      sends.add(sink.send(key, event(r)));
    }
    return Future.all(sends).map(ids);
  }

  /** The analytics event (schema {@code confero.analytics.v1}, see docs/analytics.md). */
  static JsonObject event(Row r) {
    return new JsonObject().put("schema", "confero.analytics.v1").put("id", r.getUUID("event_id").toString())
        .put("type", r.getString("type")).put("time", r.getOffsetDateTime("occurred_at").toInstant().toString())
        .put("tenant", r.getString("tenant_id"))
        .put("meeting_id", r.getUUID("meeting_id") == null ? null : r.getUUID("meeting_id").toString())
        .put("data", r.getJson("payload"));
  }
}
