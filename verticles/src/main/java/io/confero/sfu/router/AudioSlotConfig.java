package io.confero.sfu.router;

/**
 * Audio slots for large meetings ({@code sfu.audio_slots}, {@code sfu.audio_slots_above}; see
 * docs/operations.md): above {@code above} participants each subscriber receives {@code loudest}
 * loudest speakers plus the dominant one in {@code loudest + 1} fixed audio m-sections instead of
 * one per participant; {@code loudest} 0 keeps one stream per participant at any size.
 */
public record AudioSlotConfig(int loudest, int above) {
  /** 3 loudest plus the dominant speaker, in meetings of more than 10 participants. */
  public static final AudioSlotConfig DEFAULT = new AudioSlotConfig(3, 10);

  public AudioSlotConfig {
    if (loudest < 0 || loudest > 16 || above < 1) {
      throw new IllegalArgumentException("audio slots: loudest 0..16, above at least 1");
    }
  }

  /** Whether a meeting of {@code participants} uses slots. */
  public boolean appliesTo(int participants) {
    return loudest > 0 && participants > above;
  }
}
