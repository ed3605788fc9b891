package io.confero.sfu.cascade;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Loop-freedom of the relay plan, as a property over meetings of 2 to 6 nodes: every node applies
 * the plan to what it receives (as a relaying node would); each stream reaches every other node of
 * the meeting exactly once, crosses only links out of its origin, and a node that sees a stale
 * span (the publisher moved) cannot make a stream cross twice or come back.
 */
class RelayPlanPropertyTest {
  record Hop(String from, String to, String publisher) {}

  record Meeting(MeetingSpan span, MeetingSpan stale) {}

  @Provide
  Arbitrary<Meeting> meetings() {
    Arbitrary<Integer> nodes = Arbitraries.integers().between(2, 6);
    return nodes.flatMap(n -> Combinators.combine(
        Arbitraries.integers().between(0, n - 1).list().ofMinSize(1).ofMaxSize(12),
        Arbitraries.integers().between(0, n - 1).list().ofMinSize(1).ofMaxSize(12))
        .as((placed, moved) -> {
          MeetingSpan span = MeetingSpan.empty();
          for (int i = 0; i < placed.size(); i++) {
            span = span.with("node-" + placed.get(i), "p" + i);
          }
          MeetingSpan stale = span;
          for (int i = 0; i < Math.min(moved.size(), placed.size()); i++) {
            stale = stale.with("node-" + moved.get(i), "p" + i);
          }
          return new Meeting(span, stale);
        }));
  }

  @Property(tries = 500)
  void everyStreamReachesEveryOtherNodeOnceFromItsOrigin(@ForAll("meetings") Meeting m) {
    for (String publisher : publishers(m.span())) {
      Map<String, Integer> arrivals = flood(m.span(), m.span(), publisher, new ArrayList<>());
      String origin = m.span().nodeOf(publisher);
      for (String node : m.span().nodes()) {
        assertThat(arrivals.getOrDefault(node, 0)).as("arrivals at %s", node).isEqualTo(node.equals(origin) ? 0 : 1);
      }
    }
  }

  @Property(tries = 500)
  void aStaleViewNeverMakesAStreamCrossTwiceOrReturn(@ForAll("meetings") Meeting m) {
    for (String publisher : publishers(m.span())) {
      List<Hop> hops = new ArrayList<>();
      // half the nodes relay by the stale span, half by the current one; every receiver checks by its own view
      Map<String, Integer> arrivals = flood(m.span(), m.stale(), publisher, hops);
      assertThat(arrivals.values()).allMatch(count -> count <= 2);
      assertThat(hops).doesNotHaveDuplicates();
      String origin = m.span().nodeOf(publisher);
      String staleOrigin = m.stale().nodeOf(publisher);
      assertThat(hops).allMatch(h -> h.from().equals(origin) || h.from().equals(staleOrigin));
      assertThat(hops).noneMatch(h -> h.to().equals(h.from()));
    }
  }

  private static List<String> publishers(MeetingSpan span) {
    return span.participantsByNode().values().stream().flatMap(java.util.Set::stream).sorted().toList();
  }

  /**
   * Sends the publisher's stream from the node(s) that believe they serve it and lets every node
   * that accepts it apply the plan again (which a correct plan turns into no further hops).
   */
  private static Map<String, Integer> flood(MeetingSpan current, MeetingSpan stale, String publisher, List<Hop> hops) {
    Map<String, Integer> arrivals = new HashMap<>();
    ArrayDeque<String> senders = new ArrayDeque<>();
    for (String node : current.nodes()) {
      MeetingSpan view = viewOf(node, current, stale);
      if (node.equals(view.nodeOf(publisher))) {
        senders.add(node);
      }
    }
    int budget = 100;
    while (!senders.isEmpty() && budget-- > 0) {
      String from = senders.poll();
      for (String to : RelayPlan.targets(from, viewOf(from, current, stale), publisher)) {
        hops.add(new Hop(from, to, publisher));
        if (RelayPlan.accepts(to, viewOf(to, current, stale), from, publisher) == RelayPlan.Acceptance.ACCEPT) {
          arrivals.merge(to, 1, Integer::sum);
          senders.add(to);
        }
      }
    }
    assertThat(budget).as("relaying ended").isPositive();
    return arrivals;
  }

  private static MeetingSpan viewOf(String node, MeetingSpan current, MeetingSpan stale) {
    return node.hashCode() % 2 == 0 ? stale : current;
  }
}
