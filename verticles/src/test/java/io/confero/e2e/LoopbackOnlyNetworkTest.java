package io.confero.e2e;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Runs in the default surefire execution, on the host's network: what an end-to-end test run from
 * an IDE (outside a namespace) meets. It must fail loudly, never pass without a namespace.
 */
class LoopbackOnlyNetworkTest {

  @Test
  void refusesAJvmThatSeesMoreThanLoopback() {
    assumeFalse(LoopbackOnlyNetwork.procInterfaces().equals(Set.of("lo")), "this host itself has only lo");
    assertThatThrownBy(LoopbackOnlyNetwork::require)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("network namespace that has only 'lo'")
        .hasMessageContaining("java-in-netns.sh");
  }
}
