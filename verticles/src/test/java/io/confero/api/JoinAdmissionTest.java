package io.confero.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Join admission as a pure token bucket over a fake clock. */
class JoinAdmissionTest {
  @Test
  void aBurstIsAdmittedThenTheRateAndTheRefusedAreToldWhenToComeBack() {
    AtomicLong now = new AtomicLong(5_000);
    JoinAdmission a = new JoinAdmission(10, 20, now::get);
    for (int i = 0; i < 20; i++) {
      assertThat(a.tryAdmit().admitted()).as("join " + i).isTrue();
    }
    JoinAdmission.Verdict refused = a.tryAdmit();
    assertThat(refused.admitted()).isFalse();
    assertThat(refused.retryAfterSeconds()).isEqualTo(1);
    now.addAndGet(99);
    assertThat(a.tryAdmit().admitted()).as("a tenth of a second gives one join back, not before").isFalse();
    now.addAndGet(1);
    assertThat(a.tryAdmit().admitted()).isTrue();
    assertThat(a.tryAdmit().admitted()).isFalse();
    now.addAndGet(60_000);
    int admitted = 0;
    for (int i = 0; i < 100; i++) {
      admitted += a.tryAdmit().admitted() ? 1 : 0;
    }
    assertThat(admitted).as("a long pause refills only up to the burst").isEqualTo(20);
  }

  @Test
  void aSlowRateAsksForALongerWaitAndTheClockGoingBackGivesNothing() {
    AtomicLong now = new AtomicLong(1_000_000);
    JoinAdmission a = new JoinAdmission(1, 1, now::get);
    assertThat(a.tryAdmit().admitted()).isTrue();
    now.addAndGet(-10_000);
    JoinAdmission.Verdict v = a.tryAdmit();
    assertThat(v.admitted()).isFalse();
    assertThat(v.retryAfterSeconds()).isEqualTo(1);
    assertThatThrownBy(() -> new JoinAdmission(0, 5, now::get)).isInstanceOf(IllegalArgumentException.class);
  }
}
