package io.confero.signaling;

import java.util.HashMap;
import java.util.Map;

/**
 * Bounds the fan-out of reactions per meeting: a token bucket per meeting ({@code perSecond}
 * refilled per second, at most {@code burst} at once), so a storm from many sockets (each within
 * its own frame limit) costs at most {@code perSecond} x participants messages a second. Pure, the
 * clock is the caller's; one instance per signaling verticle (one event loop, no locks).
 */
final class ReactionBudget {
  private final int perSecond;
  private final int burst;
  private final Map<String, double[]> buckets = new HashMap<>(); // meeting -> {tokens, last millis}

  ReactionBudget(int perSecond, int burst) {
    this.perSecond = perSecond;
    this.burst = burst;
  }

  /** Takes one reaction of {@code meeting} at {@code now} (millis); false when the meeting is over budget. */
  boolean tryTake(String meeting, long now) {
    double[] b = buckets.computeIfAbsent(meeting, k -> new double[] {burst, now});
    double elapsed = Math.max(0, now - b[1]);
    b[1] = Math.max(b[1], now);
    b[0] = Math.min(burst, b[0] + elapsed * perSecond / 1000.0);
    if (b[0] < 1) {
      return false;
    }
    b[0] -= 1;
    return true;
  }

  /** The meeting has nobody on this node any more. */
  void forget(String meeting) {
    buckets.remove(meeting);
  }

  /** Forgets every bucket whose key starts with {@code prefix} (per-sender keys of one meeting). */
  void forgetPrefix(String prefix) {
    buckets.keySet().removeIf(k -> k.startsWith(prefix));
  }
}
