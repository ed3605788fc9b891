package io.confero.sfu.cascade;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which nodes serve a meeting's participants, as one node sees it (the meeting's entry in the
 * cluster's meeting state, partitioned by meeting id): node id → the participants it serves. A
 * participant is served by exactly one node; a node with no participants is not part of the span.
 */
public record MeetingSpan(Map<String, Set<String>> participantsByNode) {
  public MeetingSpan {
    TreeMap<String, Set<String>> copy = new TreeMap<>();
    Set<String> seen = new TreeSet<>();
    participantsByNode.forEach((node, ps) -> {
      if (!ps.isEmpty()) {
        for (String p : ps) {
          if (!seen.add(p)) {
            throw new IllegalArgumentException("participant " + p + " is served by two nodes");
          }
        }
        copy.put(node, Set.copyOf(ps));
      }
    });
    participantsByNode = java.util.Collections.unmodifiableMap(copy);
  }

  public static MeetingSpan empty() {
    return new MeetingSpan(Map.of());
  }

  /** The nodes serving at least one participant, in id order. */
  public Set<String> nodes() {
    return participantsByNode.keySet();
  }

  /** The node serving {@code participant}, or null when it serves none of this meeting. */
  public String nodeOf(String participant) {
    for (Map.Entry<String, Set<String>> e : participantsByNode.entrySet()) {
      if (e.getValue().contains(participant)) {
        return e.getKey();
      }
    }
    return null;
  }

  /** This span with {@code participant} served by {@code node} (moved there if another node served it). */
  public MeetingSpan with(String node, String participant) {
    TreeMap<String, Set<String>> next = new TreeMap<>();
    participantsByNode.forEach((n, ps) -> {
      Set<String> s = new TreeSet<>(ps);
      s.remove(participant);
      next.put(n, s);
    });
    next.computeIfAbsent(node, k -> new TreeSet<>()).add(participant);
    return new MeetingSpan(next);
  }

  /** This span without {@code participant}. */
  public MeetingSpan without(String participant) {
    TreeMap<String, Set<String>> next = new TreeMap<>();
    participantsByNode.forEach((n, ps) -> {
      Set<String> s = new TreeSet<>(ps);
      s.remove(participant);
      next.put(n, s);
    });
    return new MeetingSpan(next);
  }
}
