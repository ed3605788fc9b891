package io.confero.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Per-participant flood limits as a pure function of the messages and the clock. */
class FloodLimitsTest {
  @Test
  void aBurstPassesThenTheRateAndEachKindHasItsOwnBudget() {
    FloodLimits f = new FloodLimits();
    long now = 1_000_000;
    int passed = 0;
    for (int i = 0; i < 20; i++) {
      passed += f.tryTake("chat", now) ? 1 : 0;
    }
    assertThat(passed).isEqualTo(FloodLimits.Kind.CHAT.burst);
    assertThat(f.tryTake("reaction", now)).as("reactions have their own budget").isTrue();
    assertThat(f.tryTake("raise_hand", now)).isTrue();
    assertThat(f.tryTake("chat", now + 499)).as("2 a second: none back after 499 ms").isFalse();
    assertThat(f.tryTake("chat", now + 500)).as("one back after 500 ms").isTrue();
    assertThat(f.tryTake("chat", now + 500)).isFalse();
  }

  @Test
  void messagesOutsideTheLimitedKindsAlwaysPassAndTimeGoingBackwardsGivesNothing() {
    FloodLimits f = new FloodLimits();
    for (int i = 0; i < 1000; i++) {
      assertThat(f.tryTake("video_quality", 5)).isTrue();
    }
    for (int i = 0; i < FloodLimits.Kind.HAND.burst; i++) {
      assertThat(f.tryTake("lower_hand", 10_000)).isTrue();
    }
    assertThat(f.tryTake("raise_hand", 10_000)).as("raise and lower share the hand budget").isFalse();
    assertThat(f.tryTake("raise_hand", 0)).as("an earlier clock refills nothing").isFalse();
    assertThat(FloodLimits.Kind.of("mute")).isEqualTo(FloodLimits.Kind.MUTE);
    assertThat(FloodLimits.Kind.of("publish")).isNull();
  }
}
