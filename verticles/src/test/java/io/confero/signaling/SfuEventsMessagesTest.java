package io.confero.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.codecs.sfu.SfuEvent;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The client messages of the SFU's bad-network events (docs/protocol.md, "Bad networks"). */
class SfuEventsMessagesTest {
  @Test
  void videoPausedNamesThePublisherTheTrackAndWhy() {
    JsonObject m = SfuEvents.videoPausedMessage(new SfuEvent.VideoPaused("m", "subscriber", "publisher", "t1", true));
    assertThat(m).isEqualTo(new JsonObject().put("type", "video_paused").put("participant_id", "publisher")
        .put("track_id", "t1").put("paused", true).put("reason", "poor_connection"));
    assertThat(SfuEvents.videoPausedMessage(new SfuEvent.VideoPaused("m", "s", "p", "t1", false)).getBoolean("paused"))
        .isFalse();
  }

  @Test
  void connectionQualityCarriesTheBars() {
    assertThat(SfuEvents.connectionQualityMessage(new SfuEvent.ConnectionQuality("m", "p1", 1)))
        .isEqualTo(new JsonObject().put("type", "connection_quality").put("participant_id", "p1").put("quality", 1));
  }
}
