package io.confero.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.codecs.sfu.SfuEvent;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code audio_slots} message of docs/protocol.md, built from the SFU's event. */
class AudioSlotsMessageTest {
  @Test
  void eachSlotNamesItsMidAndHolderASilentSlotNull() {
    JsonObject msg = SfuEvents.audioSlotsMessage(new SfuEvent.AudioSlots("m1", "sub", List.of("4", "5", "6"),
        List.of("p1", "", "p2")));
    assertThat(msg.getString("type")).isEqualTo("audio_slots");
    assertThat(msg.getJsonArray("slots").encode())
        .isEqualTo("[{\"mid\":\"4\",\"participant_id\":\"p1\"},{\"mid\":\"5\",\"participant_id\":null},"
            + "{\"mid\":\"6\",\"participant_id\":\"p2\"}]");
  }
}
