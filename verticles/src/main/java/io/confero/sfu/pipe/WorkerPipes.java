package io.confero.sfu.pipe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * The node's SFU workers as pipe endpoints: each worker registers its event loop (an
 * {@link Executor}) and the handler of the messages it receives; a worker posts to another by
 * index. The registry holds only executors and handlers, never media state: what crosses is an
 * immutable {@link PipeMessage}, run on the receiving worker's own loop. Packets crossing each
 * pipe are counted as {@code confero.sfu.pipe.packets{from,to}}.
 */
public final class WorkerPipes {
  private record Endpoint(Executor loop, Consumer<PipeMessage> handler) {}

  private final int workers;
  private final MeterRegistry registry;
  private final AtomicReferenceArray<Endpoint> endpoints;
  private final ConcurrentHashMap<Long, Counter> packets = new ConcurrentHashMap<>();

  public WorkerPipes(int workers, MeterRegistry registry) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1: " + workers);
    }
    this.workers = workers;
    this.registry = registry;
    this.endpoints = new AtomicReferenceArray<>(workers);
  }

  public int workers() {
    return workers;
  }

  /** Worker {@code index} receives its messages on {@code loop}, handled by {@code handler}. */
  public void register(int index, Executor loop, Consumer<PipeMessage> handler) {
    endpoints.set(index, new Endpoint(loop, handler));
  }

  /** Worker {@code index} stopped: messages to it are refused from now on. */
  public void unregister(int index) {
    endpoints.set(index, null);
  }

  /** The view worker {@code self} uses. */
  public PipeNet net(int self) {
    if (self < 0 || self >= workers) {
      throw new IllegalArgumentException("no worker " + self + " of " + workers);
    }
    return new PipeNet() {
      @Override
      public int self() {
        return self;
      }

      @Override
      public int workers() {
        return workers;
      }

      @Override
      public boolean post(int to, PipeMessage m) {
        Endpoint e = to >= 0 && to < workers && to != self ? endpoints.get(to) : null;
        if (e == null) {
          return false;
        }
        e.loop().execute(() -> e.handler().accept(m));
        return true;
      }

      @Override
      public Runnable packetCounter(int to) {
        return counter(self, to)::increment;
      }
    };
  }

  private Counter counter(int from, int to) {
    return packets.computeIfAbsent((long) from << 32 | to, k -> Counter.builder("confero.sfu.pipe.packets")
        .tag("from", Integer.toString(from)).tag("to", Integer.toString(to))
        .description("RTP packets piped from one SFU worker to another of the same node").register(registry));
  }
}
