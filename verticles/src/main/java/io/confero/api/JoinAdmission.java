package io.confero.api;

import java.util.function.LongSupplier;

/**
 * Admission control for joins (issue 17: "a join storm is met with admission control"): a
 * node-wide token bucket of {@code perSecond} joins refilled each second, at most {@code burst}
 * at once. A join beyond it is refused before any database or cluster work with 429
 * {@code join-rate-limited} and a {@code Retry-After} of the seconds until the bucket has a join
 * again for it (the web client adds jitter, so a herd spreads out instead of coming back at once).
 * Only new joins pay: participants already in a meeting (signaling, media, a reconnect on its
 * socket) never pass here, so ongoing meetings keep their service while the herd waits. The
 * clock is injected; thread-safe (one small lock) in case several HTTP verticles share it.
 */
public final class JoinAdmission {
  /** The outcome: admitted, or refused with the seconds to wait. */
  public record Verdict(boolean admitted, long retryAfterSeconds) {}

  private final double perSecond;
  private final double burst;
  private final LongSupplier clockMillis;
  private double tokens;
  private long last;

  public JoinAdmission(int perSecond, int burst, LongSupplier clockMillis) {
    if (perSecond < 1 || burst < 1) {
      throw new IllegalArgumentException("join rate and burst must be at least 1");
    }
    this.perSecond = perSecond;
    this.burst = burst;
    this.clockMillis = clockMillis;
    this.tokens = burst;
    this.last = clockMillis.getAsLong();
  }

  /** Takes one join now, or says how long to wait (at least 1 s, as Retry-After counts whole seconds). */
  public synchronized Verdict tryAdmit() {
    long now = clockMillis.getAsLong();
    tokens = Math.min(burst, tokens + Math.max(0, now - last) * perSecond / 1000.0);
    last = Math.max(last, now);
    if (tokens >= 1) {
      tokens -= 1;
      return new Verdict(true, 0);
    }
    return new Verdict(false, Math.max(1, (long) Math.ceil((1 - tokens) / perSecond)));
  }
}
