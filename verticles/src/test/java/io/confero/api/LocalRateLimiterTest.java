package io.confero.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The in-process limiter: exact budgets per client and window, fixed memory, never refusing a newcomer for others' sake. */
class LocalRateLimiterTest {
  private final AtomicLong now = new AtomicLong(60_000);
  private final LocalRateLimiter limiter = new LocalRateLimiter(5, now::get);

  private boolean acquire(String client) {
    return limiter.tryAcquire(client).result();
  }

  @Test
  void aClientGetsItsBudgetPerMinute() {
    for (int i = 0; i < 5; i++) {
      assertThat(acquire("key:a")).isTrue();
    }
    assertThat(acquire("key:a")).isFalse();
    assertThat(acquire("key:b")).as("another client has its own budget").isTrue();
    now.addAndGet(60_000);
    assertThat(acquire("key:a")).as("a new minute, a new budget").isTrue();
  }

  @Test
  void manyClientsDoNotLockOutANewOne() {
    for (int i = 0; i < 200_000; i++) {
      acquire("ip:10.0." + (i >> 8) + "." + (i & 0xff));
    }
    assertThat(acquire("key:newcomer")).as("not refused because others came first").isTrue();
    int allowed = 0;
    for (int i = 0; i < 10; i++) {
      allowed += acquire("key:second") ? 1 : 0;
    }
    assertThat(allowed).as("still limited (the sketch only over-counts)").isBetween(1, 5);
  }
}
