package io.confero.api;

import io.vertx.core.Future;

/** Per-client request budget: fixed one-minute windows. */
public interface RateLimiter {
  /** True when one more request of {@code client} fits in the current window. */
  Future<Boolean> tryAcquire(String client);
}
