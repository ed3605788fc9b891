package io.confero.sfu.placement;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The load each SFU worker of a node last reported (forwarded RTP packets per second, participants
 * on it): written by each worker for itself about once a second, read by placement. A sample, not
 * media state, so it is the one thing the shared-nothing workers publish.
 */
public final class WorkerLoads {
  private final AtomicLongArray packetsPerSecond;
  private final AtomicIntegerArray participants;

  public WorkerLoads(int workers) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1: " + workers);
    }
    packetsPerSecond = new AtomicLongArray(workers);
    participants = new AtomicIntegerArray(workers);
  }

  public int workers() {
    return packetsPerSecond.length();
  }

  /** Worker {@code worker}'s own report. */
  public void report(int worker, long forwardedPerSecond, int participantCount) {
    packetsPerSecond.set(worker, forwardedPerSecond);
    participants.set(worker, participantCount);
  }

  public long packetsPerSecond(int worker) {
    return packetsPerSecond.get(worker);
  }

  public int participants(int worker) {
    return participants.get(worker);
  }

  /** Every worker's forwarded packets per second, by index. */
  public long[] packetsPerSecond() {
    long[] out = new long[workers()];
    for (int i = 0; i < out.length; i++) {
      out[i] = packetsPerSecond.get(i);
    }
    return out;
  }
}
