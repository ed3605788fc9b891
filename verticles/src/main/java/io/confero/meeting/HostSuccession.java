package io.confero.meeting;

import io.confero.meeting.LiveParticipant.Presence;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who holds the host role after a participant leaves, so that a meeting always has a host while
 * anyone is in it (nobody waits forever in the waiting room, someone can end it). When the last
 * joined host leaves, the role passes to the co-host present longest, else to the participant
 * present longest; webinar attendees ({@link Role#VIEWER}) never get it. "Present longest" is the
 * seat order of the live state (its participants keep the order they were seated in). A host who
 * wants someone else picks them before leaving ({@code transfer_host}).
 */
public final class HostSuccession {
  private HostSuccession() {
  }

  /** The joined participant who becomes host in {@code state} (after a leave), or empty when none must. */
  public static Optional<LiveParticipant> successor(LiveMeeting state) {
    LiveParticipant cohost = null;
    LiveParticipant participant = null;
    for (LiveParticipant p : state.participants().values()) {
      if (p.presence() != Presence.JOINED) {
        continue;
      }
      if (p.role() == Role.HOST) {
        return Optional.empty();
      }
      if (p.role() == Role.COHOST && cohost == null) {
        cohost = p;
      } else if (p.role() == Role.PARTICIPANT && participant == null) {
        participant = p;
      }
    }
    return Optional.ofNullable(cohost != null ? cohost : participant);
  }

  /**
   * The outcome of {@code left}'s leave ({@code leaving}: the state with them gone): when they were
   * the last host, the successor is made host and named in the event payload as {@code new_host}.
   */
  static MeetingMutation.Outcome leave(LiveParticipant left, LiveMeeting leaving, Map<String, Object> payload) {
    if (left.role() != Role.HOST) {
      return MeetingMutation.Outcome.accepted(leaving, "participant.left", payload);
    }
    Optional<LiveParticipant> next = successor(leaving);
    if (next.isEmpty()) {
      return MeetingMutation.Outcome.accepted(leaving, "participant.left", payload);
    }
    Map<String, Object> withHost = new HashMap<>(payload);
    withHost.put("new_host", next.get().id().value());
    return MeetingMutation.Outcome.accepted(leaving.withParticipant(next.get().withRole(Role.HOST)),
        "participant.left", Map.copyOf(withHost));
  }
}
