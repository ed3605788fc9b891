package io.confero.sfu.bwe;

/**
 * Compares the trendline's modified trend against an adaptive threshold (draft-ietf-rmcat-gcc-02
 * §5.4 and §5.5; libwebrtc's {@code TrendlineEstimator::Detect}). Overuse is signalled once the trend
 * has stayed above the threshold for more than {@value #OVERUSE_TIME_MS} ms over at least two deltas
 * and is not falling. The threshold follows the trend's magnitude, fast up (k_u) and slow down
 * (k_d), clamped to [6, 600] ms, so a competing TCP flow does not starve us; outliers more than
 * 15 ms over it do not move it.
 */
public final class OveruseDetector {
    static final double OVERUSE_TIME_MS = 10;
    private static final double K_UP = 0.0087;
    private static final double K_DOWN = 0.039;
    private static final double MIN_THRESHOLD = 6;
    private static final double MAX_THRESHOLD = 600;
    private static final double MAX_ADAPT_OUTLIER = 15;
    private static final double MAX_TIME_DELTA_MS = 100;

    private double threshold = 12.5;
    private double timeOverUsingMs = -1;
    private int overuseCounter;
    private double previousTrend;
    private long lastUpdateMicros = Long.MIN_VALUE;
    private BandwidthUsage state = BandwidthUsage.NORMAL;

    /**
     * @param modifiedTrend the trendline's output
     * @param sendDeltaMicros the send delta of the group that produced it
     */
    public BandwidthUsage detect(double modifiedTrend, long sendDeltaMicros, long nowMicros) {
        double tsDeltaMs = sendDeltaMicros / 1000.0;
        if (modifiedTrend > threshold) {
            timeOverUsingMs = timeOverUsingMs < 0 ? tsDeltaMs / 2 : timeOverUsingMs + tsDeltaMs;
            overuseCounter++;
            if (timeOverUsingMs > OVERUSE_TIME_MS && overuseCounter > 1 && modifiedTrend >= previousTrend) {
                timeOverUsingMs = 0;
                overuseCounter = 0;
                state = BandwidthUsage.OVERUSING;
            }
        } else if (modifiedTrend < -threshold) {
            resetOveruse();
            state = BandwidthUsage.UNDERUSING;
        } else {
            resetOveruse();
            state = BandwidthUsage.NORMAL;
        }
        previousTrend = modifiedTrend;
        adaptThreshold(modifiedTrend, nowMicros);
        return state;
    }

    public BandwidthUsage state() {
        return state;
    }

    public double threshold() {
        return threshold;
    }

    private void resetOveruse() {
        timeOverUsingMs = -1;
        overuseCounter = 0;
    }

    private void adaptThreshold(double modifiedTrend, long nowMicros) {
        if (lastUpdateMicros == Long.MIN_VALUE) {
            lastUpdateMicros = nowMicros;
        }
        double abs = Math.abs(modifiedTrend);
        if (abs > threshold + MAX_ADAPT_OUTLIER) {
            lastUpdateMicros = nowMicros;
            return;
        }
        double k = abs < threshold ? K_DOWN : K_UP;
        double dtMs = Math.min(Math.max(nowMicros - lastUpdateMicros, 0) / 1000.0, MAX_TIME_DELTA_MS);
        threshold += k * (abs - threshold) * dtMs;
        threshold = Math.max(MIN_THRESHOLD, Math.min(MAX_THRESHOLD, threshold));
        lastUpdateMicros = nowMicros;
    }
}
