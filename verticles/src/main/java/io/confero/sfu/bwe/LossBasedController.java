package io.confero.sfu.bwe;

/**
 * The loss-based rate (draft-ietf-rmcat-gcc-02 §6; libwebrtc's classic
 * {@code SendSideBandwidthEstimation}): over each span of at least {@value #MIN_PACKETS} reported
 * packets, a loss fraction under 2 % lets the rate grow by 8 % (at most once a second), over 10 %
 * cuts it by half the loss fraction (at most once per 300 ms + RTT), and in between holds it. The
 * result never exceeds the delay-based rate, so the lower of the two wins.
 */
public final class LossBasedController {
    static final int MIN_PACKETS = 20;
    private static final double LOW_LOSS = 0.02;
    private static final double HIGH_LOSS = 0.10;
    private static final long INCREASE_INTERVAL_MICROS = 1_000_000;
    private static final long DECREASE_EXTRA_MICROS = 300_000;

    private final BweConfig config;
    private double rateBps;
    private int reported;
    private int lost;
    private double lastLossFraction;
    private long lastIncreaseMicros = Long.MIN_VALUE;
    private long lastDecreaseMicros = Long.MIN_VALUE;

    public LossBasedController(BweConfig config) {
        this.config = config;
        this.rateBps = config.startBps();
    }

    /** Counts one feedback's packets; returns the rate, capped by {@code delayBasedBps}. */
    public long update(int reportedPackets, int lostPackets, long delayBasedBps, long rttMicros, long nowMicros) {
        reported += Math.max(reportedPackets, 0);
        lost += Math.max(Math.min(lostPackets, reportedPackets), 0);
        if (reported >= MIN_PACKETS) {
            lastLossFraction = (double) lost / reported;
            reported = 0;
            lost = 0;
            apply(lastLossFraction, rttMicros, nowMicros);
        }
        rateBps = config.clamp(Math.min(rateBps, delayBasedBps));
        return (long) rateBps;
    }

    /** A probe measured the path carrying {@code probeBps}: the rate rises to it when higher. */
    public void raiseTo(long probeBps) {
        rateBps = config.clamp(Math.max(rateBps, probeBps));
    }

    /** The loss fraction of the last complete span. */
    public double lossFraction() {
        return lastLossFraction;
    }

    private void apply(double loss, long rttMicros, long nowMicros) {
        if (loss < LOW_LOSS) {
            if (lastIncreaseMicros == Long.MIN_VALUE || nowMicros - lastIncreaseMicros >= INCREASE_INTERVAL_MICROS) {
                rateBps = rateBps * 1.08 + 1000;
                lastIncreaseMicros = nowMicros;
            }
        } else if (loss > HIGH_LOSS) {
            if (lastDecreaseMicros == Long.MIN_VALUE
                || nowMicros - lastDecreaseMicros >= DECREASE_EXTRA_MICROS + Math.max(rttMicros, 0)) {
                rateBps = rateBps * (1 - 0.5 * loss);
                lastDecreaseMicros = nowMicros;
            }
        }
    }
}
