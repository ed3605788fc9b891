package io.confero.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When to try a failed delivery again: exponential backoff {@code initial * 2^(attempts-1)}, capped
 * at {@code max}, with "equal jitter" (a uniformly random point in the upper half of the delay, so
 * receivers recovering from an outage are not hit by synchronized retries). After {@code window}
 * from the start of the delivery the next attempt is never scheduled: the delivery is dead-lettered.
 */
public record RetryPolicy(Duration initial, Duration max, Duration window) {

  /**
   * The next attempt's time after {@code attempts} failed attempts (1 after the first), or empty when
   * that time falls outside the window. {@code jitter} is a uniform random number in [0, 1).
   */
  public Optional<Instant> next(int attempts, Instant windowStart, Instant now, double jitter) {
    long cap = max.toMillis();
    int shift = Math.min(Math.max(attempts - 1, 0), 30);
    long base = Math.min(cap, initial.toMillis() << shift);
    long delay = base / 2 + (long) (jitter * (base - base / 2));
    Instant next = now.plusMillis(delay);
    return next.isAfter(windowStart.plus(window)) ? Optional.empty() : Optional.of(next);
  }
}
