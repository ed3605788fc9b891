package io.confero.sfu.media;

/**
 * The worker's monotonic clock and one-shot timers, as a subscriber's probe pacer needs them; the
 * SFU worker implements it on its event loop (timers fire there too).
 */
public interface PacerClock {
  /** Now on the worker's monotonic clock, the one packet arrival times use, in µs. */
  long nowMicros();

  /** Runs {@code task} on the worker's event loop after {@code delayMillis} (at least 1). */
  void after(long delayMillis, Runnable task);
}
