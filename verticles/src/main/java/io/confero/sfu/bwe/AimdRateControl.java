package io.confero.sfu.bwe;

/**
 * The delay-based rate (draft-ietf-rmcat-gcc-02 §5.5; libwebrtc's {@code AimdRateControl}): on
 * overuse the rate drops to {@value #BETA} × the acknowledged bitrate (fast down), on underuse it
 * holds while the queue drains, otherwise it grows, multiplicatively by 8 % a second while far from
 * the last known link capacity and additively (about one packet per response time) near it. It never
 * grows past {@value #ACKED_HEADROOM} × the acknowledged bitrate + 100 kbit/s: an estimate far above
 * what was actually sent is not evidence of capacity. libwebrtc allows 1.5 × and probes with padding
 * to go further; Confero does not probe yet, so the allocator's next simulcast layer is the probe and
 * the headroom covers one step of a 4/2/1 ladder (a 150 kbit/s thumbnail to a 500 kbit/s layer, that
 * to 1.5 Mbit/s), which a step past the link's capacity answers with overuse and a fast decrease.
 * Probes ({@link ProbeController}) raise the rate past that cap through {@link #raiseTo}.
 */
public final class AimdRateControl {
    static final double BETA = 0.85;
    static final double ACKED_HEADROOM = 3.0;
    private static final double ACKED_HEADROOM_BPS = 100_000;
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

    /**
     * A probe measured the path carrying {@code probeBps} (libwebrtc's {@code SetEstimate} after a
     * probe result): the rate rises to it when higher, and a link capacity it exceeds is forgotten
     * so growth continues multiplicatively.
     */
    public long raiseTo(long probeBps) {
        if (probeBps > rateBps) {
            rateBps = config.clamp(probeBps);
            if (linkCapacityBps > 0 && probeBps > linkCapacityBps * CAPACITY_EXCEEDED) {
                linkCapacityBps = -1;
            }
        }
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
            double cap = ACKED_HEADROOM * ackedBps + ACKED_HEADROOM_BPS;
            next = Math.min(next, Math.max(cap, rateBps));
        }
        rateBps = next;
    }
}
