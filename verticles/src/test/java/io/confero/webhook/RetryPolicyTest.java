package io.confero.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Backoff doubles from the initial delay, caps, jitters within the upper half, and stops at the window. */
class RetryPolicyTest {
  static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(10), Duration.ofSeconds(3600), Duration.ofHours(72));

  @Test
  void scheduleTable() {
    // attempts failed -> delay range [base/2, base]
    long[][] table = {{1, 10}, {2, 20}, {3, 40}, {4, 80}, {9, 2560}, {10, 3600}, {30, 3600}, {1000, 3600}};
    for (long[] row : table) {
      int attempts = (int) row[0];
      long base = row[1] * 1000;
      assertThat(policy.next(attempts, T0, T0, 0.0)).as("attempt %d low", attempts).contains(T0.plusMillis(base / 2));
      assertThat(policy.next(attempts, T0, T0, 0.999999).orElseThrow())
          .as("attempt %d high", attempts).isBetween(T0.plusMillis(base - 10), T0.plusMillis(base));
    }
  }

  @Test
  void deadLettersWhenTheNextAttemptFallsOutsideTheWindow() {
    Instant late = T0.plus(Duration.ofHours(72)).minusSeconds(100);
    assertThat(policy.next(50, T0, late, 0.0)).isEmpty();
    assertThat(policy.next(1, T0, late, 0.0)).contains(late.plusSeconds(5));
    assertThat(policy.next(1, T0, T0.plus(Duration.ofHours(73)), 0.0)).isEmpty();
  }

  @Test
  void defaultScheduleMakesAboutAHundredAttemptsInSeventyTwoHours() {
    Instant now = T0;
    int attempts = 0;
    while (true) {
      var next = policy.next(++attempts, T0, now, 0.5);
      if (next.isEmpty()) {
        break;
      }
      now = next.get();
    }
    assertThat(attempts).isEqualTo(104);
  }
}
