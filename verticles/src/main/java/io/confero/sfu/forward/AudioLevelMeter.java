package io.confero.sfu.forward;

/**
 * The smoothed loudness of one audio stream, fed from the RFC 6464 client-to-mixer audio level of
 * each RTP packet. The level on the wire is in -dBov, 0 (loudest) to 127 (silence) (RFC 6464 §3);
 * the meter works in "loudness" {@code 127 - level}, so louder is larger. A packet raises the
 * loudness at once (attack); without louder packets it falls linearly at
 * {@link #DECAY_PER_SECOND} (release), so short gaps between syllables, or a source that only beeps
 * now and then, still read as speaking while silence soon does not.
 *
 * <p>On the packet path: no allocation, a few arithmetic operations; time is passed in.
 */
public final class AudioLevelMeter {
    /** The RFC 6464 level of digital silence (-127 dBov). */
    public static final int SILENCE = 127;
    /** Loudness units (dB) the meter falls per second without louder packets. */
    public static final int DECAY_PER_SECOND = 40;

    /** Loudness in thousandths of a unit at {@link #lastMillis}, so 20 ms packets decay exactly. */
    private long milliLoudness;
    private long lastMillis;

    /** One packet's level in -dBov (0..127); values outside that range (absent extension) are ignored. */
    public void onLevel(int minusDbov, long nowMillis) {
        if (minusDbov < 0 || minusDbov > SILENCE) {
            return;
        }
        long decayed = decayedAt(nowMillis);
        milliLoudness = Math.max(decayed, (long) (SILENCE - minusDbov) * 1000);
        lastMillis = Math.max(lastMillis, nowMillis);
    }

    /** The loudness now, 0 (silence) to 127 (full scale). */
    public int loudness(long nowMillis) {
        return (int) (decayedAt(nowMillis) / 1000);
    }

    private long decayedAt(long nowMillis) {
        long elapsed = Math.max(0, nowMillis - lastMillis);
        return Math.max(0, milliLoudness - elapsed * DECAY_PER_SECOND);
    }
}
