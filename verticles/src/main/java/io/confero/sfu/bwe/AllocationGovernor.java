package io.confero.sfu.bwe;

import java.util.List;

/**
 * Decides which budget the {@link BandwidthAllocator} spends for one subscriber, so allocations go
 * down fast, up slowly and do not oscillate (Jitsi's change threshold, mediasoup's downgrade guards):
 * <ul>
 *   <li>the estimate falling below the budget lowers the budget at once;</li>
 *   <li>the budget rises to the estimate only after the estimate has stayed more than
 *       {@link #HYSTERESIS} above it for {@code upHoldMicros}, or for {@code resumeHoldMicros} while
 *       some wanted video is paused (a paused tile resumes only on a connection that held);</li>
 *   <li>the allocation changes only when the budget or the demands change.</li>
 * </ul>
 * Single-threaded; times in µs on the caller's clock.
 */
public final class AllocationGovernor {
    /** How far above the budget the estimate must stay before the budget rises. */
    public static final double HYSTERESIS = 1.15;
    private static final long NONE = Long.MIN_VALUE;

    private final long upHoldMicros;
    private final long resumeHoldMicros;
    private long budgetBps = -1;
    private long aboveSince = NONE;
    private List<TrackDemand> lastDemands;
    private Allocation current;

    /**
     * @param upHoldMicros how long the estimate must hold above the budget before layers go up
     * @param resumeHoldMicros the same while a video is paused (at least {@code upHoldMicros})
     */
    public AllocationGovernor(long upHoldMicros, long resumeHoldMicros) {
        if (upHoldMicros < 0 || resumeHoldMicros < upHoldMicros) {
            throw new IllegalArgumentException("need 0 <= upHold <= resumeHold");
        }
        this.upHoldMicros = upHoldMicros;
        this.resumeHoldMicros = resumeHoldMicros;
    }

    /** The allocation for the current estimate and demands (the previous one when nothing changed). */
    public Allocation update(long estimateBps, List<TrackDemand> demands, long nowMicros) {
        boolean budgetChanged = moveBudget(Math.max(estimateBps, 0), nowMicros);
        if (current == null || budgetChanged || !demands.equals(lastDemands)) {
            current = BandwidthAllocator.allocate(demands, budgetBps);
            lastDemands = List.copyOf(demands);
        }
        return current;
    }

    /** The budget now spent. */
    public long budgetBps() {
        return budgetBps;
    }

    private boolean moveBudget(long estimateBps, long nowMicros) {
        if (budgetBps < 0 || estimateBps < budgetBps) {
            aboveSince = NONE;
            boolean changed = budgetBps != estimateBps;
            budgetBps = estimateBps;
            return changed;
        }
        if (estimateBps <= budgetBps * HYSTERESIS) {
            aboveSince = NONE;
            return false;
        }
        if (aboveSince == NONE) {
            aboveSince = nowMicros;
        }
        long hold = current != null && current.anyPaused() ? resumeHoldMicros : upHoldMicros;
        if (nowMicros - aboveSince < hold) {
            return false;
        }
        budgetBps = estimateBps;
        aboveSince = NONE;
        return true;
    }
}
