package io.confero.api;

import io.vertx.core.Future;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/** In-process rate limiter (used when no Redis is configured): counts per client per minute. */
public final class LocalRateLimiter implements RateLimiter {
  private static final int MAX_CLIENTS = 100_000;
  private final int perMinute;
  private final LongSupplier clockMillis;
  private final ConcurrentMap<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private volatile long window;

  public LocalRateLimiter(int perMinute, LongSupplier clockMillis) {
    this.perMinute = perMinute;
    this.clockMillis = clockMillis;
  }

  @Override
  public Future<Boolean> tryAcquire(String client) {
    long w = clockMillis.getAsLong() / 60_000;
    if (w != window) {
      synchronized (this) {
        if (w != window) {
          counts.clear();
          window = w;
        }
      }
    }
    if (counts.size() >= MAX_CLIENTS && !counts.containsKey(client)) {
      return Future.succeededFuture(false);
    }
    int n = counts.computeIfAbsent(client, k -> new AtomicInteger()).incrementAndGet();
    return Future.succeededFuture(n <= perMinute);
  }
}
