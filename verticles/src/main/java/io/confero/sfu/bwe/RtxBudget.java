package io.confero.sfu.bwe;

/**
 * What one subscriber's retransmissions may spend: a token bucket refilled at {@link #SHARE} of the
 * subscriber's estimate, holding at most {@value #BURST_MICROS} µs of that rate (and never less than
 * one full packet, so a retransmission is possible at all). It also measures what retransmissions
 * actually used over about the last second, for the allocator to take off the estimate: RTX bytes
 * count inside the estimate, not on top of it. Single-threaded; times in µs on the caller's clock.
 */
public final class RtxBudget {
    /** Share of the estimate retransmissions may use. */
    public static final double SHARE = 0.2;
    static final long BURST_MICROS = 200_000;
    private static final int MIN_BURST_BYTES = 1500;
    private static final long WINDOW_MICROS = 500_000;

    private double rateBytesPerMicro;
    private double tokens;
    private double burstBytes = MIN_BURST_BYTES;
    private long lastRefillMicros = Long.MIN_VALUE;
    private long windowStart = Long.MIN_VALUE;
    private long windowBytes;
    private long previousWindowBytes;

    public RtxBudget(long estimateBps) {
        setEstimate(estimateBps);
        tokens = burstBytes;
    }

    /** Follows the subscriber's estimate. */
    public void setEstimate(long estimateBps) {
        rateBytesPerMicro = Math.max(estimateBps, 0) * SHARE / 8e6;
        burstBytes = Math.max(MIN_BURST_BYTES, rateBytesPerMicro * BURST_MICROS);
        tokens = Math.min(tokens, burstBytes);
    }

    /** Takes {@code bytes} from the bucket if they are there; false (and nothing taken) otherwise. */
    public boolean tryConsume(int bytes, long nowMicros) {
        refill(nowMicros);
        if (tokens < bytes) {
            return false;
        }
        tokens -= bytes;
        roll(nowMicros);
        windowBytes += bytes;
        return true;
    }

    /** Retransmitted bits per second over the last 0.5–1 s. */
    public long recentBps(long nowMicros) {
        roll(nowMicros);
        if (windowStart == Long.MIN_VALUE) {
            return 0;
        }
        long span = WINDOW_MICROS + Math.max(nowMicros - windowStart, 1);
        return (windowBytes + previousWindowBytes) * 8_000_000L / span;
    }

    private void refill(long nowMicros) {
        if (lastRefillMicros != Long.MIN_VALUE && nowMicros > lastRefillMicros) {
            tokens = Math.min(burstBytes, tokens + rateBytesPerMicro * (nowMicros - lastRefillMicros));
        }
        if (lastRefillMicros == Long.MIN_VALUE || nowMicros > lastRefillMicros) {
            lastRefillMicros = nowMicros;
        }
    }

    private void roll(long nowMicros) {
        if (windowStart == Long.MIN_VALUE) {
            windowStart = nowMicros;
            return;
        }
        long elapsed = nowMicros - windowStart;
        if (elapsed >= 2 * WINDOW_MICROS) {
            previousWindowBytes = 0;
            windowBytes = 0;
            windowStart = nowMicros;
        } else if (elapsed >= WINDOW_MICROS) {
            previousWindowBytes = windowBytes;
            windowBytes = 0;
            windowStart += WINDOW_MICROS;
        }
    }
}
