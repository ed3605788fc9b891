package io.confero.signaling;

import java.util.EnumMap;
import java.util.Map;

/**
 * Per-participant limits on the signaling messages that fan out to everyone (issue 17, "a flood of
 * raise-hand, reaction or chat messages: rate-limited per participant, others unaffected"), below
 * the socket's {@value Connection#MAX_FRAMES_PER_SECOND} frames a second: a token bucket per
 * {@link Kind} ({@code perSecond} refilled, at most {@code burst} at once). A message over its
 * budget is answered {@code rate-limited} and changes nothing; other participants' budgets are
 * their own. Pure: the caller passes the clock (millis); one instance per connection, used on the
 * signaling event loop only.
 */
final class FloodLimits {
  /** The kinds of fan-out messages limited, with their budgets. */
  enum Kind {
    /** {@code chat}: stored and sent to everyone. */
    CHAT(2, 6),
    /** {@code reaction}: sent to everyone (the meeting-wide budget of {@link ReactionBudget} applies too). */
    REACTION(3, 6),
    /** {@code raise_hand}, {@code lower_hand}: a live-state mutation and a broadcast each. */
    HAND(1, 4),
    /** {@code mute}: a live-state mutation and a broadcast each. */
    MUTE(5, 10);

    final int perSecond;
    final int burst;

    Kind(int perSecond, int burst) {
      this.perSecond = perSecond;
      this.burst = burst;
    }

    /** The kind a message type counts against, null for the ones limited only by the frame cap. */
    static Kind of(String type) {
      return switch (type) {
        case "chat" -> CHAT;
        case "reaction" -> REACTION;
        case "raise_hand", "lower_hand" -> HAND;
        case "mute" -> MUTE;
        default -> null;
      };
    }
  }

  private final Map<Kind, ReactionBudget> buckets = new EnumMap<>(Kind.class);

  /** Takes one message of {@code type} at {@code now}; false when its kind is over this participant's budget. */
  boolean tryTake(String type, long now) {
    Kind kind = Kind.of(type);
    return kind == null
        || buckets.computeIfAbsent(kind, k -> new ReactionBudget(k.perSecond, k.burst)).tryTake("", now);
  }
}
