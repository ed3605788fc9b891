package io.confero.sfu.bwe;

/**
 * A participant's network quality in bars, 0 (unusable) to {@value #MAX} (good), the way Jitsi
 * Meet's connection indicator and LiveKit's connection quality grade a link: each input is graded on
 * its own and the worst grade wins.
 * <ul>
 *   <li><b>loss</b> (what the link lost before repair): under 2 % three bars, under 5 % two, under
 *       10 % one, else none;</li>
 *   <li><b>round-trip time</b> (when known): under 300 ms three, under 500 ms two, under 1 s one;</li>
 *   <li><b>bandwidth</b>: the estimate against what the participant's tiles want (its downlink) —
 *       at least 90 % three, 45 % two, 15 % one; a video paused for bandwidth is at most one bar.</li>
 * </ul>
 * Hysteresis (no flicker): a worse grade shows once it has held {@code downHoldMicros} (short), a
 * better one only after it has held {@code upHoldMicros} (long), and then one bar at a time.
 * Single-threaded; time in µs on the caller's clock.
 */
public final class QualityScorer {
    /** The most bars. */
    public static final int MAX = 3;
    private static final long NONE = Long.MIN_VALUE;

    /**
     * One observation of the link.
     *
     * @param lossFraction lost / sent in the last interval, 0..1
     * @param rttMicros round-trip time, -1 when unknown
     * @param estimateBps what the link carries by the estimate, -1 when not graded (an uplink)
     * @param wantedBps what the participant's tiles want at their desired layers
     * @param videoPaused some wanted video is paused for lack of bandwidth
     */
    public record Sample(double lossFraction, long rttMicros, long estimateBps, long wantedBps, boolean videoPaused) {
        public Sample {
            if (Double.isNaN(lossFraction)) {
                lossFraction = 0;
            }
            lossFraction = Math.max(0, Math.min(1, lossFraction));
        }

        /** A link graded only by its loss (a publisher's uplink as its receiver reports show it). */
        public static Sample lossOnly(double lossFraction) {
            return new Sample(lossFraction, -1, -1, 0, false);
        }
    }

    private final long downHoldMicros;
    private final long upHoldMicros;
    private int bars = MAX;
    private int pending = MAX;
    private long pendingSince = NONE;

    public QualityScorer(long downHoldMicros, long upHoldMicros) {
        if (downHoldMicros < 0 || upHoldMicros < downHoldMicros) {
            throw new IllegalArgumentException("need 0 <= downHold <= upHold");
        }
        this.downHoldMicros = downHoldMicros;
        this.upHoldMicros = upHoldMicros;
    }

    /** The bars shown now. */
    public int bars() {
        return bars;
    }

    /** Grades one sample and returns the bars to show (hysteresis applied). */
    public int update(Sample s, long nowMicros) {
        int raw = grade(s);
        if (raw == bars) {
            pendingSince = NONE;
            return bars;
        }
        if (raw != pending || pendingSince == NONE) {
            pending = raw;
            pendingSince = nowMicros;
        }
        long hold = raw < bars ? downHoldMicros : upHoldMicros;
        if (nowMicros - pendingSince >= hold) {
            bars = raw < bars ? raw : bars + 1;
            pendingSince = bars == raw ? NONE : nowMicros;
        }
        return bars;
    }

    /** The grade of one sample without hysteresis. */
    public static int grade(Sample s) {
        int g = Math.min(lossGrade(s.lossFraction()), rttGrade(s.rttMicros()));
        if (s.estimateBps() >= 0 && s.wantedBps() > 0) {
            g = Math.min(g, bandwidthGrade((double) s.estimateBps() / s.wantedBps()));
        }
        return s.videoPaused() ? Math.min(g, 1) : g;
    }

    static int lossGrade(double loss) {
        return loss < 0.02 ? 3 : loss < 0.05 ? 2 : loss < 0.10 ? 1 : 0;
    }

    static int rttGrade(long rttMicros) {
        if (rttMicros < 0) {
            return MAX;
        }
        return rttMicros < 300_000 ? 3 : rttMicros < 500_000 ? 2 : rttMicros < 1_000_000 ? 1 : 0;
    }

    static int bandwidthGrade(double ratio) {
        return ratio >= 0.9 ? 3 : ratio >= 0.45 ? 2 : ratio >= 0.15 ? 1 : 0;
    }
}
