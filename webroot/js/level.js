/**
 * Microphone level arithmetic (pure, no Web Audio): RMS of a block of samples in dBFS, mapped to a
 * 0..1 meter value over a 60 dB range, with a falling peak hold so that a short syllable stays
 * visible for a moment as on a hardware meter.
 */
export const FLOOR_DB = -60;

/** RMS of float samples in [-1, 1], in dBFS (-Infinity for silence). */
export function rmsDb(samples) {
  if (!samples || samples.length === 0) return -Infinity;
  let sum = 0;
  for (const s of samples) sum += s * s;
  const rms = Math.sqrt(sum / samples.length);
  return rms > 0 ? 20 * Math.log10(rms) : -Infinity;
}

/** dBFS → 0..1 for a meter: FLOOR_DB and below is 0, 0 dBFS and above is 1. */
export function meterValue(db) {
  if (!(db > FLOOR_DB)) return 0;
  return Math.min(1, (db - FLOOR_DB) / -FLOOR_DB);
}

/** The meter's next value: the new level, or the previous one falling by `fall` per step, whichever is higher. */
export function holdPeak(previous, level, fall = 0.06) {
  return Math.max(level, previous - fall, 0);
}
