package io.confero.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.confero.api.RestClient;
import io.confero.app.TestNode;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** Meeting lifecycle events reach a real (in-JVM, KRaft) Kafka 4 broker; a dead broker blocks nothing. */
class KafkaAnalyticsTest {
  static final String TOPIC = "confero.analytics.test";

  @Test
  void lifecycleEventsReachTheTopic() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrap()))) {
        admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
      }
      try (TestNode node = TestNode.start(Files.createTempDirectory("confero-kafka-node"),
          Map.of("CONFERO_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrap(), "CONFERO_KAFKA_TOPIC", TOPIC,
              "CONFERO_WEBHOOKS_POLL_INTERVAL_MS", "100"));
          KafkaConsumer<String, String> consumer = consumer(kafka.bootstrap())) {
        RestClient rest = new RestClient(node.baseUrl());
        String token = rest.token();
        RestClient.Response created = rest.authed(token, "POST", "/api/v1/meetings", "{\"title\":\"kafka\",\"type\":\"instant\"}");
        String meeting = created.json().getString("meeting_id");
        assertThat(rest.authed(token, "POST", "/api/v1/meetings/" + meeting + "/end", null).status()).isEqualTo(200);
        List<ConsumerRecord<String, String>> got = new CopyOnWriteArrayList<>();
        await().atMost(Duration.ofSeconds(120)).until(() -> {
          consumer.poll(Duration.ofMillis(500)).forEach(got::add);
          return got.stream().filter(r -> meeting.equals(r.key())).count() >= 2;
        });
        List<JsonObject> events = got.stream().filter(r -> meeting.equals(r.key()))
            .map(r -> new JsonObject(r.value())).toList();
        assertThat(events).extracting(e -> e.getString("type")).containsExactly("meeting.created", "meeting.ended");
        JsonObject first = events.get(0);
        assertThat(first.getString("schema")).isEqualTo("confero.analytics.v1");
        assertThat(first.getString("tenant")).isEqualTo("default");
        assertThat(first.getString("meeting_id")).isEqualTo(meeting);
        assertThat(first.getString("id")).isNotBlank();
        assertThat(first.getString("time")).isNotBlank();
        assertThat(first.getJsonObject("data").getString("title")).isEqualTo("kafka");
      }
    }
  }

  @Test
  void unreachableKafkaNeverBlocksMeetings() throws Exception {
    int closed = TestNode.freePort();
    try (TestNode node = TestNode.start(Files.createTempDirectory("confero-kafka-down"),
        Map.of("CONFERO_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + closed))) {
      RestClient rest = new RestClient(node.baseUrl());
      String token = rest.token();
      for (int i = 0; i < 3; i++) {
        RestClient.Response r = rest.authed(token, "POST", "/api/v1/meetings", "{\"title\":\"no kafka\",\"type\":\"instant\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String id = r.json().getString("meeting_id");
        assertThat(rest.authed(token, "POST", "/api/v1/meetings/" + id + "/end", null).status()).isEqualTo(200);
      }
    }
  }

  private static KafkaConsumer<String, String> consumer(String bootstrap) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("key.deserializer", StringDeserializer.class.getName());
    p.put("value.deserializer", StringDeserializer.class.getName());
    p.put("auto.offset.reset", "earliest");
    KafkaConsumer<String, String> c = new KafkaConsumer<>(p);
    c.assign(List.of(new TopicPartition(TOPIC, 0)));
    c.seekToBeginning(List.of(new TopicPartition(TOPIC, 0)));
    return c;
  }
}
