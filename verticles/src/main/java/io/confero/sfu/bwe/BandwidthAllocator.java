package io.confero.sfu.bwe;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Spends one subscriber's budget over its tracks down the degradation ladder (the shape of Jitsi
 * Videobridge's {@code BandwidthAllocator}): audio first and always, whatever the budget; then, in
 * rounds, every wanted video track in {@link TrackPriority} order (screen share, speaker or pinned,
 * other tiles; the caller's order within a priority) is raised by one layer if the step fits what
 * is left, until no step fits. So every visible tile gets its lowest layer before any gets a second
 * one; a step too big for a higher-priority track (a screen share's lowest layer) does not block
 * a smaller one further down the ladder. A wanted track that gets no layer is paused with {@link Allocation.Reason#PAUSED_POOR_CONNECTION}.
 * Stateless; hysteresis lives in {@link AllocationGovernor}.
 */
public final class BandwidthAllocator {
    private BandwidthAllocator() {
    }

    /** Allocates {@code budgetBps} over {@code demands}; the result lists the tracks in the order given. */
    public static Allocation allocate(List<TrackDemand> demands, long budgetBps) {
        return allocate(demands, budgetBps, Set.of());
    }

    /**
     * Like {@link #allocate(List, long)}, but the wanted videos in {@code keepLowest} get their lowest
     * layer first, like audio, whatever the budget (a pause not yet confirmed, see {@link AllocationGovernor}).
     */
    public static Allocation allocate(List<TrackDemand> demands, long budgetBps, Set<String> keepLowest) {
        int n = demands.size();
        int[] layers = new int[n];
        long remaining = budgetBps;
        for (int i = 0; i < n; i++) {
            TrackDemand d = demands.get(i);
            boolean kept = d.desiredLayer() >= 0 && keepLowest.contains(d.trackId());
            layers[i] = d.priority() == TrackPriority.AUDIO || kept ? 0 : -1;
            remaining -= d.bitrate(layers[i]);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (demands.get(i).priority() != TrackPriority.AUDIO) {
                order.add(i);
            }
        }
        order.sort(Comparator.comparing(i -> demands.get(i).priority()));
        boolean raised = true;
        while (raised) {
            raised = false;
            for (int i : order) {
                TrackDemand d = demands.get(i);
                if (layers[i] < d.desiredLayer()) {
                    long step = d.bitrate(layers[i] + 1) - d.bitrate(layers[i]);
                    if (step <= remaining) {
                        remaining -= step;
                        layers[i]++;
                        raised = true;
                    }
                }
            }
        }
        return result(demands, layers);
    }

    private static Allocation result(List<TrackDemand> demands, int[] layers) {
        List<Allocation.TrackAllocation> out = new ArrayList<>(demands.size());
        for (int i = 0; i < demands.size(); i++) {
            TrackDemand d = demands.get(i);
            out.add(new Allocation.TrackAllocation(d.trackId(), layers[i], d.bitrate(layers[i]), reason(d, layers[i])));
        }
        return new Allocation(out);
    }

    private static Allocation.Reason reason(TrackDemand d, int layer) {
        if (d.priority() == TrackPriority.AUDIO) {
            return Allocation.Reason.AUDIO;
        }
        if (d.desiredLayer() < 0) {
            return Allocation.Reason.HIDDEN;
        }
        if (layer < 0) {
            return Allocation.Reason.PAUSED_POOR_CONNECTION;
        }
        return layer == d.desiredLayer() ? Allocation.Reason.DESIRED : Allocation.Reason.LIMITED;
    }
}
