package io.confero.sfu.pipe;

/**
 * One SFU worker's view of its node's other workers: it posts {@link PipeMessage}s to them and
 * counts the packets each pipe carries. Implementations are safe to call from any worker's loop.
 */
public interface PipeNet {
  /** This worker's index. */
  int self();

  /** How many workers the node runs (indices {@code 0 .. workers()-1}). */
  int workers();

  /**
   * Posts {@code m} to worker {@code to}'s event loop, where its endpoint handles it after every
   * message posted there before; false when that worker is not running (nothing was posted).
   */
  boolean post(int to, PipeMessage m);

  /** What a pipe runs for each packet it carries from this worker to worker {@code to} (a counter). */
  Runnable packetCounter(int to);

  /** A node with one worker: nothing to pipe to. */
  PipeNet SINGLE = new PipeNet() {
    @Override
    public int self() {
      return 0;
    }

    @Override
    public int workers() {
      return 1;
    }

    @Override
    public boolean post(int to, PipeMessage m) {
      return false;
    }

    @Override
    public Runnable packetCounter(int to) {
      return () -> { };
    }
  };
}
