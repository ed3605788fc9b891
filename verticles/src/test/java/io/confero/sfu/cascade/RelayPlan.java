package io.confero.sfu.cascade;

import java.util.List;

/**
 * Where a meeting's streams cross between nodes (the rule of Jitsi's relays and of a real-time
 * CDN): a stream is relayed only by its origin — the node serving its publisher — once to each
 * other node of the meeting, with every simulcast layer, and a node never relays a stream it
 * received. A tree of depth one per stream: no loops whatever the number of nodes, and a stream
 * crosses each link at most once however many subscribers sit behind it. The far node picks the
 * layer per subscriber. Pure.
 */
public final class RelayPlan {
  /** Why a relayed packet is taken or refused at the receiving node. */
  public enum Acceptance {
    ACCEPT,
    /** The sender is not the origin of the stream (its publisher is served elsewhere): a loop or stale state. */
    NOT_FROM_ORIGIN,
    /** The stream's publisher is served here: our own stream came back. */
    OWN_STREAM,
    /** This node serves none of the meeting's participants: nobody here needs it. */
    NOT_IN_SPAN
  }

  private RelayPlan() {
  }

  /**
   * The nodes {@code self} relays a stream of {@code publisher} to: every other node of the span when
   * {@code self} serves the publisher, none otherwise.
   */
  public static List<String> targets(String self, MeetingSpan span, String publisher) {
    if (!self.equals(span.nodeOf(publisher))) {
      return List.of();
    }
    return span.nodes().stream().filter(n -> !n.equals(self)).toList();
  }

  /** Whether {@code self} takes a stream of {@code publisher} relayed by node {@code from}. */
  public static Acceptance accepts(String self, MeetingSpan span, String from, String publisher) {
    String origin = span.nodeOf(publisher);
    if (self.equals(origin)) {
      return Acceptance.OWN_STREAM;
    }
    if (!span.nodes().contains(self)) {
      return Acceptance.NOT_IN_SPAN;
    }
    return from.equals(origin) ? Acceptance.ACCEPT : Acceptance.NOT_FROM_ORIGIN;
  }
}
