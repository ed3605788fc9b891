package io.confero.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Coalescing a large meeting's participant events: who gets what, newest state winning. */
class ParticipantBatchesTest {
  static JsonObject joined(String id, String name) {
    return new JsonObject().put("type", "participant_joined").put("participant",
        new JsonObject().put("participant_id", id).put("display_name", name));
  }

  static JsonObject updated(String id, boolean muted) {
    return new JsonObject().put("type", "participant_updated").put("participant",
        new JsonObject().put("participant_id", id).put("audio_muted", muted));
  }

  static JsonObject left(String id) {
    return new JsonObject().put("type", "participant_left").put("participant_id", id).put("reason", "left");
  }

  @Test
  void smallRoomsAndOtherMessagesAreNotBatched() {
    ParticipantBatches b = new ParticipantBatches(50);
    assertThat(b.offer("m", 50, joined("a", "Ada"), null)).isFalse();
    assertThat(b.offer("m", 51, new JsonObject().put("type", "chat"), null)).isFalse();
    assertThat(b.offer("m", 51, new JsonObject().put("type", "participant_joined"), null)).as("no participant").isFalse();
    assertThat(b.drain()).isEmpty();
  }

  @Test
  void aStormBecomesOneFramePerFlushWithTheNewestStateOfEachParticipant() {
    ParticipantBatches b = new ParticipantBatches(0);
    assertThat(b.offer("m", 3, joined("a", "Ada"), null)).isTrue();
    b.offer("m", 3, updated("a", true), null);
    b.offer("m", 3, joined("b", "Bob"), null);
    b.offer("m", 3, left("b"), null);
    b.offer("m", 3, updated("c", false), null);
    b.offer("m", 3, left("d"), null);
    b.offer("m", 3, joined("d", "Dee again"), null);
    Map<String, List<ParticipantBatches.Pending>> drained = b.drain();
    JsonObject frame = ParticipantBatches.frame(drained.get("m"), null);
    assertThat(frame.getString("type")).isEqualTo("participants_changed");
    assertThat(frame.getJsonArray("joined").stream().map(JsonObject.class::cast).map(p -> p.getString("participant_id")))
        .containsExactly("a", "d");
    assertThat(frame.getJsonArray("joined").getJsonObject(0).getBoolean("audio_muted")).as("joined, then muted").isTrue();
    assertThat(frame.getJsonArray("updated").getJsonObject(0).getString("participant_id")).isEqualTo("c");
    assertThat(frame.getJsonArray("left")).containsExactly(new JsonObject().put("participant_id", "b").put("reason", "left"));
    assertThat(b.drain()).isEmpty();
  }

  @Property(tries = 200)
  void everyParticipantAppearsOnceAndTheLastEventDecidesWhetherTheyAreGone(
      @ForAll @Size(max = 60) List<@From("events") JsonObject> events) {
    ParticipantBatches b = new ParticipantBatches(0);
    Map<String, String> last = new java.util.HashMap<>();
    for (JsonObject e : events) {
      b.offer("m", 1, e, null);
      String id = e.containsKey("participant") ? e.getJsonObject("participant").getString("participant_id")
          : e.getString("participant_id");
      last.put(id, e.getString("type"));
    }
    List<ParticipantBatches.Pending> changes = b.drain().getOrDefault("m", List.of());
    assertThat(changes).hasSize(last.size());
    for (ParticipantBatches.Pending p : changes) {
      String id = p.body().getString("participant_id");
      assertThat(p.change() == ParticipantBatches.Change.LEFT).isEqualTo(last.get(id).equals("participant_left"));
    }
  }

  @Provide
  Arbitrary<JsonObject> events() {
    Arbitrary<String> ids = Arbitraries.of("a", "b", "c", "d");
    return Arbitraries.oneOf(ids.map(id -> joined(id, id)), ids.map(id -> updated(id, true)), ids.map(ParticipantBatchesTest::left));
  }
}
