package io.confero.sfu;

import io.confero.sfu.placement.WorkerLoads;
import io.confero.sfu.router.Router;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;

/**
 * A worker's load as placement reads it: forwarded RTP packets per second over the last second and
 * participants on the worker, reported to the node's {@link WorkerLoads} from the worker's tick, and
 * exposed per worker on {@code /metrics} with the meetings it hosts and how many are piped.
 */
final class WorkerLoadSampler {
  static final long INTERVAL_MILLIS = 1000;

  private final WorkerLoads loads;
  private final int worker;
  private long lastMillis = -1;
  private double lastForwarded;
  private volatile int meetings;
  private volatile int pipedMeetings;

  WorkerLoadSampler(WorkerLoads loads, int worker, MeterRegistry registry) {
    this.loads = loads;
    this.worker = worker;
    String w = Integer.toString(worker);
    Gauge.builder("confero.sfu.worker.forwarded.rate", loads, l -> l.packetsPerSecond(worker)).tag("worker", w)
        .description("RTP packets the worker forwarded per second over the last second (its placement load)")
        .register(registry);
    Gauge.builder("confero.sfu.worker.participants", loads, l -> l.participants(worker)).tag("worker", w)
        .description("Participants whose media this worker serves").register(registry);
    Gauge.builder("confero.sfu.worker.meetings", this, s -> s.meetings).tag("worker", w)
        .description("Meetings with participants on this worker").register(registry);
    Gauge.builder("confero.sfu.worker.piped.meetings", this, s -> s.pipedMeetings).tag("worker", w)
        .description("Meetings this worker shares with other workers of the node over pipes").register(registry);
  }

  /** From the worker's tick: reports once {@link #INTERVAL_MILLIS} passed since the last report. */
  void sample(long nowMillis, double forwardedTotal, Collection<Router> routers) {
    if (lastMillis < 0) {
      lastMillis = nowMillis;
      lastForwarded = forwardedTotal;
      return;
    }
    long elapsed = nowMillis - lastMillis;
    if (elapsed < INTERVAL_MILLIS) {
      return;
    }
    long rate = Math.round((forwardedTotal - lastForwarded) * 1000.0 / elapsed);
    lastMillis = nowMillis;
    lastForwarded = forwardedTotal;
    int participants = 0;
    int piped = 0;
    for (Router r : routers) {
      participants += r.participantCount();
      piped += r.pipes().remoteCount() > 0 ? 1 : 0;
    }
    meetings = routers.size();
    pipedMeetings = piped;
    loads.report(worker, rate, participants);
  }
}
