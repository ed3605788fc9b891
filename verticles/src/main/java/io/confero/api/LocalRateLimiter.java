package io.confero.api;

import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.LongSupplier;

/**
 * In-process rate limiter (used when no Redis is configured): counts per client per one-minute
 * window, exactly for the first {@link #MAX_EXACT} clients of a window and, beyond them, in a
 * count-min sketch, so memory is fixed however many clients appear and no client is ever refused
 * because others filled a table. In the sketch each client maps to one counter in each of {@link #DEPTH}
 * rows through hashes keyed by a random seed (an attacker cannot pick colliding names); its count is
 * the smallest of its counters, which can only over-count, by the traffic of clients sharing all of
 * its counters: negligible at {@link #WIDTH} counters per row unless the process is flooded anyway.
 */
public final class LocalRateLimiter implements RateLimiter {
  static final int DEPTH = 4;
  static final int WIDTH = 1 << 16;
  static final int MAX_EXACT = 50_000;

  private final int perMinute;
  private final LongSupplier clockMillis;
  private final long[] seeds = new long[DEPTH];
  private volatile Window current = new Window(Long.MIN_VALUE);

  public LocalRateLimiter(int perMinute, LongSupplier clockMillis) {
    this.perMinute = perMinute;
    this.clockMillis = clockMillis;
    SecureRandom r = new SecureRandom();
    for (int i = 0; i < DEPTH; i++) {
      seeds[i] = r.nextLong();
    }
  }

  /** The counters of one minute. */
  private static final class Window {
    final long minute;
    final AtomicIntegerArray counts = new AtomicIntegerArray(DEPTH * WIDTH);
    final ConcurrentMap<String, AtomicInteger> exact = new ConcurrentHashMap<>();

    Window(long minute) {
      this.minute = minute;
    }
  }

  @Override
  public Future<Boolean> tryAcquire(String client) {
    return Future.succeededFuture(acquire(client));
  }

  private boolean acquire(String client) {
    long minute = clockMillis.getAsLong() / 60_000;
    Window w = current;
    if (w.minute != minute) {
      synchronized (this) {
        if (current.minute != minute) {
          current = new Window(minute);
        }
        w = current;
      }
    }
    AtomicInteger known = w.exact.get(client);
    if (known == null && w.exact.size() < MAX_EXACT) {
      known = w.exact.computeIfAbsent(client, k -> new AtomicInteger());
    }
    if (known != null) {
      return known.incrementAndGet() <= perMinute;
    }
    byte[] name = client.getBytes(StandardCharsets.UTF_8);
    int least = Integer.MAX_VALUE;
    for (int row = 0; row < DEPTH; row++) {
      int slot = row * WIDTH + (int) (hash(name, seeds[row]) & (WIDTH - 1));
      least = Math.min(least, w.counts.incrementAndGet(slot));
    }
    return least <= perMinute;
  }

  /** A seeded 64-bit FNV-1a with a final mix (splitmix64). */
  private static long hash(byte[] data, long seed) {
    long h = 0xcbf29ce484222325L ^ seed;
    for (byte b : data) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    return h ^ (h >>> 33);
  }
}
