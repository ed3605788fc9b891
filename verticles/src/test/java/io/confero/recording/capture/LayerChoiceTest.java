package io.confero.recording.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LayerChoiceTest {
  @Test
  void aSingleEncodingIsChosenAtItsFirstPacket() {
    assertThat(new LayerChoice(1).onPacket(0, 5)).isZero();
  }

  @Test
  void theTopLayerIsChosenAtItsFirstPacket() {
    LayerChoice c = new LayerChoice(3);
    assertThat(c.onPacket(0, 0)).isEqualTo(-1);
    assertThat(c.onPacket(2, 10_000)).isEqualTo(2);
    assertThat(c.onPacket(0, 20_000)).as("chosen once").isEqualTo(2);
  }

  @Test
  void withoutTheTopLayerTheHighestLayerSeenInTheFirstHalfSecondIsChosen() {
    // Chromium with a 320x240 camera: rids q and h offered above it, only q (and here h) flowing
    LayerChoice c = new LayerChoice(3);
    assertThat(c.onPacket(0, 1_000_000)).isEqualTo(-1);
    assertThat(c.onPacket(1, 1_100_000)).isEqualTo(-1);
    assertThat(c.onPacket(0, 1_499_999)).isEqualTo(-1);
    assertThat(c.onPacket(0, 1_500_000)).isEqualTo(1);
    assertThat(c.chosen()).isEqualTo(1);
  }

  @Test
  void onlyTheLowestLayerFlowingIsRecordedRatherThanNothing() {
    LayerChoice c = new LayerChoice(3);
    for (long t = 0; t < LayerChoice.SETTLE_MICROS; t += 50_000) {
      assertThat(c.onPacket(0, t)).isEqualTo(-1);
    }
    assertThat(c.onPacket(0, LayerChoice.SETTLE_MICROS)).isZero();
  }

  @Test
  void unknownLayersAndEmptyProducersAreRefused() {
    LayerChoice c = new LayerChoice(2);
    assertThat(c.onPacket(5, 0)).isEqualTo(-1);
    assertThat(c.onPacket(-1, 0)).isEqualTo(-1);
    assertThatThrownBy(() -> new LayerChoice(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
