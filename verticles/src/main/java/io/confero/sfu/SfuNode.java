package io.confero.sfu;

import io.confero.sfu.cascade.MeetingSpans;
import io.confero.sfu.pipe.WorkerPipes;
import io.confero.sfu.placement.WorkerLoads;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What the SFU workers of one node share: the pipes between them (each worker's event loop as a
 * mailbox), the load each reports for placement, and where the cluster records which workers host
 * each meeting ({@link MeetingSpans#NONE} when meetings do not span nodes). None holds media state.
 */
public record SfuNode(WorkerPipes pipes, WorkerLoads loads, MeetingSpans spans) {
  public SfuNode {
    if (pipes.workers() != loads.workers()) {
      throw new IllegalArgumentException("pipes and loads disagree on the number of workers");
    }
  }

  /** A node of {@code workers} workers. */
  public static SfuNode of(int workers, MeterRegistry registry) {
    return new SfuNode(new WorkerPipes(workers, registry), new WorkerLoads(workers), MeetingSpans.NONE);
  }

  /** This node with meetings spanning the cluster's nodes, recorded in {@code spans}. */
  public SfuNode withSpans(MeetingSpans spans) {
    return new SfuNode(pipes, loads, spans);
  }

  /** A node with a single worker (tests that start one worker on its own). */
  public static SfuNode single(MeterRegistry registry) {
    return of(1, registry);
  }
}
