package io.confero.tools.impair;

/**
 * A rate cap with a bounded queue, as a bottleneck link has: packets leave at most at
 * {@code rateBps} on average, bursts of up to {@code burstBytes} pass at once after an idle
 * period (the token bucket), and a packet that would wait longer than {@code queueLimitNanos}
 * before leaving is dropped at the tail (a drop-tail queue sized in time, like a router buffer).
 *
 * <p>Implemented as the generic cell rate algorithm (GCRA, the virtual-scheduling form of a token
 * bucket): {@code tat} is the theoretical time the link would be idle; each packet advances it by
 * its serialization time. Pure: time comes with each call (monotonic nanoseconds).
 */
public final class TokenBucket {
    private final long rateBps;
    private final long burstNanos;
    private final long queueLimitNanos;
    private long tat = Long.MIN_VALUE;

    /**
     * @param rateBps the cap in bits per second; 0 for none (every packet leaves at once)
     * @param burstBytes bytes that may pass back to back after an idle period (at least one packet)
     * @param queueLimitNanos the longest a packet may wait
     */
    public TokenBucket(long rateBps, int burstBytes, long queueLimitNanos) {
        if (rateBps < 0 || burstBytes < 0 || queueLimitNanos < 0) {
            throw new IllegalArgumentException("rate, burst and queue limit must not be negative");
        }
        this.rateBps = rateBps;
        this.burstNanos = rateBps == 0 ? 0 : serialization(burstBytes, rateBps);
        this.queueLimitNanos = queueLimitNanos;
    }

    private static long serialization(int bytes, long rateBps) {
        return bytes * 8L * 1_000_000_000L / rateBps;
    }

    public long rateBps() { return rateBps; }

    /**
     * Offers a packet of {@code bytes} arriving at {@code nowNanos}.
     *
     * @return when it leaves the queue (≥ {@code nowNanos}), or -1 when the queue is full and it is dropped
     */
    public long offer(int bytes, long nowNanos) {
        if (rateBps == 0) {
            return nowNanos;
        }
        long start = tat == Long.MIN_VALUE || tat - nowNanos < 0 ? nowNanos : tat;
        long departure = Math.max(nowNanos, start - burstNanos);
        if (departure - nowNanos > queueLimitNanos) {
            return -1;
        }
        tat = start + serialization(bytes, rateBps);
        return departure;
    }

    /** How long a packet arriving at {@code nowNanos} would wait (the queue's current delay). */
    public long queueDelay(long nowNanos) {
        if (rateBps == 0 || tat == Long.MIN_VALUE) {
            return 0;
        }
        return Math.max(0, tat - burstNanos - nowNanos);
    }
}
