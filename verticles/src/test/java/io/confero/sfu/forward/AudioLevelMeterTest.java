package io.confero.sfu.forward;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6464 §3 levels (-dBov, 0 loudest, 127 silence) smoothed into loudness: instant attack, linear release. */
class AudioLevelMeterTest {

  @ParameterizedTest(name = "level {0} -dBov, then {1} ms later: loudness {2}")
  @CsvSource({
      // RFC 6464 §3: 0 is 0 dBov (loudest), 127 is -127 dBov (silence)
      "0, 0, 127",
      "127, 0, 0",
      "30, 0, 97",
      // release: DECAY_PER_SECOND (40) units per second
      "30, 500, 77",
      "30, 1000, 57",
      "30, 2000, 17",
      "30, 10000, 0",
      // out of range values (absent extension answers -1) are ignored
      "-1, 0, 0",
      "128, 0, 0",
  })
  void oneLevelDecaysLinearly(int level, long later, int loudness) {
    AudioLevelMeter m = new AudioLevelMeter();
    m.onLevel(level, 1_000);
    assertThat(m.loudness(1_000 + later)).isEqualTo(loudness);
  }

  @ParameterizedTest(name = "packets every 20 ms at {0} -dBov after one at 30: loudness {2} after {1} packets")
  @CsvSource({
      "127, 25, 77",
      "127, 50, 57",
      "100, 50, 57",
      "60, 50, 67",
      "10, 1, 117",
  })
  void aQuieterStreamOfPacketsDecaysExactlyAtTwentyMillisecondSpacing(int level, int packets, int loudness) {
    AudioLevelMeter m = new AudioLevelMeter();
    m.onLevel(30, 0);
    for (int i = 1; i <= packets; i++) {
      m.onLevel(level, i * 20L);
    }
    assertThat(m.loudness(packets * 20L)).isEqualTo(loudness);
  }

  @Property
  void loudnessStaysInRangeAndNeverRisesWithoutPackets(@ForAll @IntRange(min = -5, max = 140) int level,
      @ForAll @IntRange(min = 0, max = 100_000) int later) {
    AudioLevelMeter m = new AudioLevelMeter();
    m.onLevel(level, 0);
    int first = m.loudness(0);
    assertThat(first).isBetween(0, 127);
    assertThat(m.loudness(later)).isBetween(0, first);
  }
}
