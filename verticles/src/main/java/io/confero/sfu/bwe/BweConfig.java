package io.confero.sfu.bwe;

/**
 * Bounds of a subscriber's estimate, in bits per second.
 *
 * @param minBps the estimate never goes below this (audio must still fit)
 * @param startBps the estimate before any feedback
 * @param maxBps the estimate never goes above this
 */
public record BweConfig(long minBps, long startBps, long maxBps) {
    public static final BweConfig DEFAULT = new BweConfig(50_000, 1_000_000, 20_000_000);

    public BweConfig {
        if (minBps <= 0 || startBps < minBps || maxBps < startBps) {
            throw new IllegalArgumentException("need 0 < min <= start <= max, got " + minBps + "/" + startBps + "/" + maxBps);
        }
    }

    long clamp(double bps) {
        if (Double.isNaN(bps)) {
            return minBps;
        }
        return (long) Math.max(minBps, Math.min(maxBps, bps));
    }
}
