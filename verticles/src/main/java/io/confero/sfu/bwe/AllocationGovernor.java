package io.confero.sfu.bwe;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which budget the {@link BandwidthAllocator} spends for one subscriber, so allocations go
 * down fast, up slowly and do not oscillate (Jitsi's change threshold, mediasoup's downgrade guards):
 * <ul>
 *   <li>the estimate falling below the budget lowers the budget at once;</li>
 *   <li>the budget rises to the estimate only after the estimate has stayed more than
 *       {@link #HYSTERESIS} above it for {@code upHoldMicros}, or for {@code resumeHoldMicros} while
 *       some wanted video is paused (a paused tile resumes only on a connection that held);</li>
 *   <li>a wanted video that was being sent and no longer fits keeps its lowest layer for
 *       {@code pauseHoldMicros} before it is paused, unless the loss toward the subscriber says the
 *       link is really full: an estimate squeezed for a moment (a receiver short of CPU delays its
 *       feedback like a queue would) does not blank the tile, and probing gets the chance to lift it;</li>
 *   <li>the allocation changes only when the budget or the demands change, or a pause is pending.</li>
 * </ul>
 * Single-threaded; times in µs on the caller's clock.
 */
public final class AllocationGovernor {
    /** How far above the budget the estimate must stay before the budget rises. */
    public static final double HYSTERESIS = 1.15;
    private static final long NONE = Long.MIN_VALUE;

    /** Loss toward the subscriber at which a pause needs no confirming: the link is really full. */
    public static final double PAUSE_AT_ONCE_LOSS = 0.1;

    private final long upHoldMicros;
    private final long resumeHoldMicros;
    private final long pauseHoldMicros;
    /** Wanted videos the allocation would pause, since when. */
    private final Map<String, Long> shortSince = new HashMap<>();
    /** Wanted videos the current allocation keeps at their lowest layer though they do not fit. */
    private Set<String> keptLowest = Set.of();
    private long budgetBps = -1;
    private long aboveSince = NONE;
    private List<TrackDemand> lastDemands;
    private Allocation current;

    /**
     * @param upHoldMicros how long the estimate must hold above the budget before layers go up
     * @param resumeHoldMicros the same while a video is paused (at least {@code upHoldMicros})
     */
    public AllocationGovernor(long upHoldMicros, long resumeHoldMicros) {
        this(upHoldMicros, resumeHoldMicros, 0);
    }

    /**
     * @param pauseHoldMicros how long a wanted video keeps its lowest layer while even that does not
     *     fit, before it is paused (unless the loss toward the subscriber reaches {@link #PAUSE_AT_ONCE_LOSS})
     */
    public AllocationGovernor(long upHoldMicros, long resumeHoldMicros, long pauseHoldMicros) {
        if (upHoldMicros < 0 || resumeHoldMicros < upHoldMicros || pauseHoldMicros < 0) {
            throw new IllegalArgumentException("need 0 <= upHold <= resumeHold and 0 <= pauseHold");
        }
        this.upHoldMicros = upHoldMicros;
        this.resumeHoldMicros = resumeHoldMicros;
        this.pauseHoldMicros = pauseHoldMicros;
    }

    /** The allocation for the current estimate and demands, with no loss or delivery reported. */
    public Allocation update(long estimateBps, List<TrackDemand> demands, long nowMicros) {
        return update(estimateBps, new Delivery(0, -1), demands, nowMicros);
    }

    /**
     * What the subscriber's link demonstrably carries: the loss toward it (0..1) and the bitrate it
     * acknowledged receiving (-1 while unknown).
     */
    public record Delivery(double lossFraction, long ackedBps) {
        /** The acknowledged bitrate when it arrived with little loss: a rate the link carried. */
        long provenBps() {
            return lossFraction < PROVEN_LOSS ? ackedBps : -1;
        }
    }

    /** Loss under which what the subscriber acknowledged counts as carried by its link. */
    static final double PROVEN_LOSS = 0.02;

    /**
     * The allocation for the current estimate, what the link delivers, and the demands (the
     * previous one when nothing changed).
     */
    public Allocation update(long estimateBps, Delivery delivery, List<TrackDemand> demands, long nowMicros) {
        boolean budgetChanged = moveBudget(Math.max(estimateBps, 0), nowMicros);
        if (current == null || budgetChanged || !demands.equals(lastDemands) || !keptLowest.isEmpty()) {
            Allocation plain = BandwidthAllocator.allocate(demands, budgetBps);
            long room = Math.max(estimateBps, delivery.provenBps());
            Allocation atEstimate = room > budgetBps ? BandwidthAllocator.allocate(demands, room) : plain;
            double lossFraction = delivery.lossFraction();
            keptLowest = unconfirmedPauses(plain, atEstimate, lossFraction, nowMicros);
            current = BandwidthAllocator.allocate(demands, budgetBps, keptLowest);
            lastDemands = List.copyOf(demands);
        }
        return current;
    }

    /**
     * The wanted videos {@code plain} pauses that were not paused before and whose shortage has not
     * yet held for the pause hold (none when the loss says the link is full): they keep their lowest
     * layer. The hold counts only while even the raw estimate ({@code atEstimate}, before the budget's
     * slow climb), or what the link was seen carrying with little loss when that is more, has no room
     * for them: a delay-based estimate squeezed below what a loss-free link delivers (a receiver
     * short of CPU stamps arrivals late, like a queue would) does not pause a video.
     */
    private Set<String> unconfirmedPauses(Allocation plain, Allocation atEstimate, double lossFraction, long nowMicros) {
        Set<String> keep = new HashSet<>();
        Map<String, Allocation.TrackAllocation> before = current == null ? Map.of() : current.byTrack();
        for (Allocation.TrackAllocation t : plain.tracks()) {
            Allocation.TrackAllocation was = before.get(t.trackId());
            boolean newlyShort = t.reason() == Allocation.Reason.PAUSED_POOR_CONNECTION
                && (was == null || was.reason() != Allocation.Reason.PAUSED_POOR_CONNECTION);
            if (!newlyShort) {
                shortSince.remove(t.trackId());
                continue;
            }
            if (was != null && atEstimate.byTrack().get(t.trackId()).reason() != Allocation.Reason.PAUSED_POOR_CONNECTION) {
                shortSince.remove(t.trackId());
                keep.add(t.trackId());
                continue;
            }
            long since = shortSince.computeIfAbsent(t.trackId(), k -> nowMicros);
            if (was != null && nowMicros - since < pauseHoldMicros && lossFraction < PAUSE_AT_ONCE_LOSS) {
                keep.add(t.trackId());
            } else {
                shortSince.remove(t.trackId());
            }
        }
        return keep;
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
