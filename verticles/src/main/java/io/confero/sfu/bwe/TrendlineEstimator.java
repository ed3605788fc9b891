package io.confero.sfu.bwe;

/**
 * Fits a line to the smoothed accumulated queuing delay over the last {@value #WINDOW} group deltas
 * (libwebrtc's {@code TrendlineEstimator}, the successor of GoogCC §5.3's Kalman filter). The slope
 * says how fast the queue grows; {@link #modifiedTrend()} scales it by the number of samples (up to
 * 60) and a gain of 4 so it can be compared against the detector's threshold in milliseconds.
 */
public final class TrendlineEstimator {
    public static final int WINDOW = 20;
    private static final double SMOOTHING = 0.9;
    private static final double GAIN = 4.0;
    private static final int MAX_SAMPLES_SCALE = 60;

    private final double[] xs = new double[WINDOW];
    private final double[] ys = new double[WINDOW];
    private int count;
    private int next;
    private long firstArrivalMicros = Long.MIN_VALUE;
    private double accumulatedMs;
    private double smoothedMs;
    private double trend;
    private int samples;

    /** Adds one group delta; returns the modified trend. */
    public double update(InterArrival.Delta d) {
        if (firstArrivalMicros == Long.MIN_VALUE) {
            firstArrivalMicros = d.arrivalMicros();
        }
        double delayMs = (d.arrivalDeltaMicros() - d.sendDeltaMicros()) / 1000.0;
        samples = Math.min(samples + 1, MAX_SAMPLES_SCALE);
        accumulatedMs += delayMs;
        smoothedMs = SMOOTHING * smoothedMs + (1 - SMOOTHING) * accumulatedMs;
        xs[next] = (d.arrivalMicros() - firstArrivalMicros) / 1000.0;
        ys[next] = smoothedMs;
        next = (next + 1) % WINDOW;
        count = Math.min(count + 1, WINDOW);
        if (count == WINDOW) {
            trend = slope();
        }
        return modifiedTrend();
    }

    public double modifiedTrend() {
        return samples * trend * GAIN;
    }

    private double slope() {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < count; i++) {
            mx += xs[i];
            my += ys[i];
        }
        mx /= count;
        my /= count;
        double num = 0;
        double den = 0;
        for (int i = 0; i < count; i++) {
            num += (xs[i] - mx) * (ys[i] - my);
            den += (xs[i] - mx) * (xs[i] - mx);
        }
        return den == 0 ? trend : num / den;
    }
}
