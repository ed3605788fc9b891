package io.confero.analytics;

import io.confero.config.ConferoConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.util.HashMap;
import java.util.Map;

/**
 * Analytics to a Kafka topic: key = meeting id (so one meeting's events stay in one partition, in
 * order), value = the JSON event of {@code docs/analytics.md}. Idempotent producer, acks=all,
 * bounded timeouts so an unreachable cluster fails sends instead of piling them up.
 */
public final class KafkaAnalyticsSink implements AnalyticsSink {
  private final KafkaProducer<String, String> producer;
  private final String topic;

  public KafkaAnalyticsSink(Vertx vertx, ConferoConfig.Kafka cfg) {
    Map<String, String> props = new HashMap<>();
    props.put("bootstrap.servers", cfg.bootstrapServers());
    props.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
    props.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
    props.put("acks", "all");
    props.put("enable.idempotence", "true");
    props.put("max.block.ms", "5000");
    props.put("request.timeout.ms", "10000");
    props.put("delivery.timeout.ms", "30000");
    props.put("client.id", "confero-analytics");
    this.producer = KafkaProducer.create(vertx, props);
    this.topic = cfg.topic();
  }

  @Override
  public Future<Void> send(String key, JsonObject event) {
    return producer.send(KafkaProducerRecord.create(topic, key, event.encode())).mapEmpty();
  }

  @Override
  public Future<Void> close() {
    return producer.close();
  }
}
