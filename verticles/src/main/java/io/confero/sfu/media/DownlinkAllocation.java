package io.confero.sfu.media;

import io.confero.sfu.bwe.Allocation;
import io.confero.sfu.bwe.AllocationGovernor;
import io.confero.sfu.bwe.TrackDemand;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Spends one subscriber's estimate over its consumers (issue 13): builds each consumer's
 * {@link TrackDemand}, lets the {@link AllocationGovernor} allocate (fast down, slow up, a paused
 * video resumes only after the estimate held), and hands each simulcast consumer its share as the
 * budget its {@link io.confero.sfu.simulcast.LayerSelector} picks under. A track at its desired
 * layer gets no limit; one below it a budget halfway to the next layer (so layer bitrates wobbling
 * between allocations do not flip the choice); one the allocator paused gets
 * {@link SimulcastLayers#PAUSED}: nothing of it is forwarded (the router tells the subscriber why)
 * until the governor resumes it. A video is paused only once its shortage held
 * {@value #PAUSE_HOLD_MICROS} µs, or at once under heavy loss; the downlink's probes lift the
 * estimate back up.
 * Worker event loop only.
 */
final class DownlinkAllocation {
  static final long UP_HOLD_MICROS = 2_000_000;
  static final long RESUME_HOLD_MICROS = 5_000_000;
  static final long PAUSE_HOLD_MICROS = 3_000_000;

  private final AllocationGovernor governor = new AllocationGovernor(UP_HOLD_MICROS, RESUME_HOLD_MICROS,
      PAUSE_HOLD_MICROS);
  /** What the tracks would use at their desired layers, at the last allocation. */
  private long wantedBps;

  /** @param delivery what the link is seen carrying (a pause needs a shortage it confirms) */
  void apply(Collection<WebRtcConsumer> consumers, long budgetBps, AllocationGovernor.Delivery delivery,
      long nowMicros) {
    List<WebRtcConsumer> allocated = new ArrayList<>();
    List<TrackDemand> demands = new ArrayList<>();
    for (WebRtcConsumer c : consumers) {
      TrackDemand d = c.demand(nowMicros * 1000);
      if (d != null) {
        allocated.add(c);
        demands.add(d);
      }
    }
    Allocation a = governor.update(budgetBps, delivery, demands, nowMicros);
    wantedBps = demands.stream().mapToLong(TrackDemand::desiredBps).sum();
    for (int i = 0; i < allocated.size(); i++) {
      allocated.get(i).setBandwidthBudget(budgetFor(a.tracks().get(i), demands.get(i)));
    }
  }

  /** What the tracks would use at their desired layers, at the last allocation (0 before one). */
  long wantedBps() {
    return wantedBps;
  }

  static long budgetFor(Allocation.TrackAllocation t, TrackDemand d) {
    if (t.layer() < 0) {
      return SimulcastLayers.PAUSED;
    }
    if (t.layer() >= d.desiredLayer()) {
      return Long.MAX_VALUE;
    }
    long[] bitrates = d.layerBitratesBps();
    return (bitrates[t.layer()] + bitrates[t.layer() + 1]) / 2;
  }
}
