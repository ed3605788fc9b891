package io.confero.sfu.bwe;

/**
 * The delay-based rate (draft-ietf-rmcat-gcc-02 §5.5; libwebrtc's {@code AimdRateControl}): on
 * overuse the rate drops to {@value #BETA} × the acknowledged bitrate (fast down), on underuse it
 * holds while the queue drains, otherwise it grows, multiplicatively by 8 % a second while far from
 * the last known link capacity and additively (about one packet per response time) near it. It never
 * grows past 1.5 × the acknowledged bitrate + 10 kbit/s: without probing, an estimate far above
 * what was actually sent is not evidence of capacity.
 */
public final class AimdRateControl {
    static final double BETA = 0.85;
    private static final double MULTIPLICATIVE_PER_SECOND = 1.08;
    private static final int PACKET_BITS = 1200 * 8;
    private static final long RESPONSE_EXTRA_MICROS = 100_000;
    private static final double CAPACITY_SMOOTHING = 0.95;
    private static final long MAX_STEP_MICROS = 1_000_000;
    /** Acknowledged throughput this far above the known capacity means the link changed: forget it. */
    private static final double CAPACITY_EXCEEDED = 1.1;

    private enum State { HOLD, INCREASE, DECREASE }

    private final BweConfig config;
    private double rateBps;
    private double linkCapacityBps = -1;
    private State state = State.INCREASE;
    private long lastUpdateMicros = Long.MIN_VALUE;

    public AimdRateControl(BweConfig config) {
        this.config = config;
        this.rateBps = config.startBps();
    }

    /**
     * @param ackedBps the acknowledged bitrate, -1 while unknown
     * @param rttMicros the round-trip time to the subscriber
     * @return the new delay-based rate
     */
    public long update(BandwidthUsage usage, long ackedBps, long rttMicros, long nowMicros) {
        long dt = lastUpdateMicros == Long.MIN_VALUE ? 0 : Math.min(Math.max(nowMicros - lastUpdateMicros, 0), MAX_STEP_MICROS);
        lastUpdateMicros = nowMicros;
        state = switch (usage) {
            case OVERUSING -> State.DECREASE;
            case UNDERUSING -> State.HOLD;
            case NORMAL -> state == State.HOLD || state == State.DECREASE ? State.INCREASE : state;
        };
        if (linkCapacityBps > 0 && ackedBps > 0 && ackedBps > linkCapacityBps * CAPACITY_EXCEEDED) {
            linkCapacityBps = -1;
        }
        if (state == State.DECREASE) {
            decrease(ackedBps);
        } else if (state == State.INCREASE) {
            increase(dt, ackedBps, rttMicros);
        }
        rateBps = config.clamp(rateBps);
        return (long) rateBps;
    }

    public long rateBps() {
        return (long) rateBps;
    }

    private void decrease(long ackedBps) {
        double target = BETA * (ackedBps > 0 ? ackedBps : rateBps);
        rateBps = Math.min(rateBps, target);
        if (ackedBps > 0) {
            linkCapacityBps = linkCapacityBps < 0 ? ackedBps
                : CAPACITY_SMOOTHING * linkCapacityBps + (1 - CAPACITY_SMOOTHING) * ackedBps;
        }
        state = State.HOLD;
    }

    private void increase(long dtMicros, long ackedBps, long rttMicros) {
        double next;
        if (linkCapacityBps > 0) {
            double responseMicros = Math.max(rttMicros, 0) + RESPONSE_EXTRA_MICROS;
            next = rateBps + PACKET_BITS * dtMicros / responseMicros;
        } else {
            next = rateBps * Math.pow(MULTIPLICATIVE_PER_SECOND, dtMicros / 1e6);
        }
        if (ackedBps > 0) {
            double cap = 1.5 * ackedBps + 10_000;
            next = Math.min(next, Math.max(cap, rateBps));
        }
        rateBps = next;
    }
}
