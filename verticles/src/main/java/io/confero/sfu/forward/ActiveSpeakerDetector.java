package io.confero.sfu.forward;

import java.util.Map;

/**
 * Picks a meeting's active (dominant) speaker from its participants' smoothed loudness
 * ({@link AudioLevelMeter}), as Jitsi's dominant speaker identification does with RFC 6464 levels,
 * simplified: at most one decision per {@link #INTERVAL_MILLIS}; a participant counts as speaking
 * at {@link #THRESHOLD} or louder (about -60 dBov); the loudest speaker takes over only when the
 * current one has gone quiet or is at least {@link #HYSTERESIS} units quieter. When nobody speaks
 * the last speaker stays active (as in Meet and Zoom). Time is passed in.
 */
public final class ActiveSpeakerDetector {
    public static final long INTERVAL_MILLIS = 300;
    public static final int THRESHOLD = 67;
    public static final int HYSTERESIS = 8;

    private String current;
    private boolean decidedOnce;
    private long lastDecisionMillis;

    /** The active speaker, or null before anyone spoke (or after they left). */
    public String current() {
        return current;
    }

    /** True when a decision is due: callers may skip collecting levels otherwise. */
    public boolean due(long nowMillis) {
        return !decidedOnce || nowMillis - lastDecisionMillis >= INTERVAL_MILLIS;
    }

    /**
     * Decides with the loudness of every participant who has audio now ({@code participant → 0..127}).
     *
     * @return the new active speaker when it changed; null when it did not, or no decision was due
     */
    public String decide(Map<String, Integer> loudness, long nowMillis) {
        if (!due(nowMillis)) {
            return null;
        }
        decidedOnce = true;
        lastDecisionMillis = nowMillis;
        if (current != null && !loudness.containsKey(current)) {
            current = null;
        }
        String loudest = null;
        int max = THRESHOLD - 1;
        for (Map.Entry<String, Integer> e : loudness.entrySet()) {
            if (e.getValue() > max) {
                max = e.getValue();
                loudest = e.getKey();
            }
        }
        if (loudest == null || loudest.equals(current)) {
            return null;
        }
        int now = current == null ? 0 : loudness.get(current);
        if (now >= THRESHOLD && max < now + HYSTERESIS) {
            return null;
        }
        current = loudest;
        return loudest;
    }
}
