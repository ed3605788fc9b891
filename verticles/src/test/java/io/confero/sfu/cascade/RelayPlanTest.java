package io.confero.sfu.cascade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.confero.sfu.cascade.RelayPlan.Acceptance;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The relay plan's decisions on a three-node meeting. */
class RelayPlanTest {
  private final MeetingSpan span = MeetingSpan.empty().with("a", "alice").with("b", "bob").with("b", "bea")
      .with("c", "carol");

  @Test
  void theOriginRelaysToEveryOtherNodeOnce() {
    assertThat(RelayPlan.targets("a", span, "alice")).containsExactly("b", "c");
    assertThat(RelayPlan.targets("b", span, "bob")).containsExactly("a", "c");
  }

  @Test
  void aNodeNeverRelaysWhatItReceived() {
    assertThat(RelayPlan.targets("b", span, "alice")).isEmpty();
    assertThat(RelayPlan.targets("c", span, "alice")).isEmpty();
  }

  @Test
  void aReceiverTakesAStreamOnlyFromItsOrigin() {
    assertThat(RelayPlan.accepts("b", span, "a", "alice")).isEqualTo(Acceptance.ACCEPT);
    assertThat(RelayPlan.accepts("b", span, "c", "alice")).isEqualTo(Acceptance.NOT_FROM_ORIGIN);
    assertThat(RelayPlan.accepts("a", span, "b", "alice")).isEqualTo(Acceptance.OWN_STREAM);
    assertThat(RelayPlan.accepts("d", span, "a", "alice")).isEqualTo(Acceptance.NOT_IN_SPAN);
  }

  @Test
  void aNodeWhoseLastParticipantLeftDropsOutOfTheSpan() {
    MeetingSpan after = span.without("carol");
    assertThat(after.nodes()).containsExactly("a", "b");
    assertThat(RelayPlan.targets("a", after, "alice")).containsExactly("b");
  }

  @Test
  void aParticipantIsServedByOneNode() {
    assertThat(span.with("c", "bob").nodeOf("bob")).isEqualTo("c");
    assertThatThrownBy(() -> new MeetingSpan(Map.of("a", Set.of("x"), "b", Set.of("x"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(RelayPlan.targets("a", MeetingSpan.empty(), "alice")).isEqualTo(List.of());
  }
}
