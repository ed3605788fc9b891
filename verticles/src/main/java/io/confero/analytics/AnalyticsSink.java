package io.confero.analytics;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** Where analytics events go; completes once the event is durably accepted (Kafka: acks=all). */
public interface AnalyticsSink {
  Future<Void> send(String key, JsonObject event);

  Future<Void> close();
}
