package io.confero.sfu.forward;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Dominant speaker choice: threshold, hysteresis, at most one decision per interval, last speaker kept. */
class ActiveSpeakerDetectorTest {
  static final int LOUD = 100;
  static final int QUIET = ActiveSpeakerDetector.THRESHOLD - 1;

  @Test
  void theFirstParticipantAboveTheThresholdBecomesActive() {
    ActiveSpeakerDetector d = new ActiveSpeakerDetector();
    assertThat(d.decide(Map.of("a", QUIET, "b", QUIET), 0)).isNull();
    assertThat(d.decide(Map.of("a", QUIET, "b", ActiveSpeakerDetector.THRESHOLD), 300)).isEqualTo("b");
    assertThat(d.current()).isEqualTo("b");
  }

  @Test
  void noDecisionBeforeTheIntervalHasPassed() {
    ActiveSpeakerDetector d = new ActiveSpeakerDetector();
    assertThat(d.decide(Map.of("a", LOUD), 0)).isEqualTo("a");
    assertThat(d.due(ActiveSpeakerDetector.INTERVAL_MILLIS - 1)).isFalse();
    assertThat(d.decide(Map.of("a", 0, "b", LOUD), ActiveSpeakerDetector.INTERVAL_MILLIS - 1)).isNull();
    assertThat(d.decide(Map.of("a", 0, "b", LOUD), ActiveSpeakerDetector.INTERVAL_MILLIS)).isEqualTo("b");
  }

  @Test
  void aLouderSpeakerTakesOverOnlyBeyondTheHysteresis() {
    ActiveSpeakerDetector d = new ActiveSpeakerDetector();
    d.decide(Map.of("a", 80), 0);
    int h = ActiveSpeakerDetector.HYSTERESIS;
    assertThat(d.decide(Map.of("a", 80, "b", 80 + h - 1), 300)).isNull();
    assertThat(d.decide(Map.of("a", 80, "b", 80 + h), 600)).isEqualTo("b");
    assertThat(d.decide(Map.of("a", 80 + h - 1, "b", 80), 900)).as("back within the hysteresis").isNull();
  }

  @Test
  void whenTheSpeakerGoesQuietAnyoneSpeakingTakesOver() {
    ActiveSpeakerDetector d = new ActiveSpeakerDetector();
    d.decide(Map.of("a", LOUD), 0);
    assertThat(d.decide(Map.of("a", QUIET, "b", ActiveSpeakerDetector.THRESHOLD), 300)).isEqualTo("b");
  }

  @Test
  void whenNobodySpeaksTheLastSpeakerStays() {
    ActiveSpeakerDetector d = new ActiveSpeakerDetector();
    d.decide(Map.of("a", LOUD, "b", 0), 0);
    assertThat(d.decide(Map.of("a", 0, "b", 0), 300)).isNull();
    assertThat(d.current()).isEqualTo("a");
  }

  @Test
  void aSpeakerWhoLeftIsForgottenAndTheNextSpeakerIsAnnounced() {
    ActiveSpeakerDetector d = new ActiveSpeakerDetector();
    d.decide(Map.of("a", LOUD), 0);
    assertThat(d.decide(Map.of("b", 0), 300)).isNull();
    assertThat(d.current()).isNull();
    assertThat(d.decide(Map.of("b", LOUD), 600)).isEqualTo("b");
  }
}
