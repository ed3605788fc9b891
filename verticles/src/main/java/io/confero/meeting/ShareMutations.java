package io.confero.meeting;

import io.confero.meeting.LiveParticipant.Presence;
import io.confero.meeting.MeetingMutation.Outcome;
import java.util.Map;

/**
 * Screen sharing: one sharer at a time unless a host or co-host allows several. The check and the
 * change are one mutation on the partition owner, so two participants starting at once cannot both
 * win.
 */
public final class ShareMutations {
  private ShareMutations() {}

  /** A participant tried to start sharing while someone else shares and the meeting allows one sharer. */
  public static final String SHARE_IN_PROGRESS = "share-in-progress";

  /**
   * {@code actor} starts sharing: refused with {@link #SHARE_IN_PROGRESS} when another joined
   * participant shares and {@link LiveMeeting#multiShare()} is off. Only joined participants count,
   * so a sharer who dropped without unpublishing never blocks the others.
   */
  public record StartShare(ParticipantId actor) implements MeetingMutation {
    @Override
    public Outcome apply(MeetingId id, LiveMeeting current) {
      Outcome refused = joinedOnly(current, actor);
      if (refused != null) {
        return refused;
      }
      if (current.sharers().contains(actor)) {
        return Outcome.accepted(current, null, Map.of());
      }
      boolean other = current.sharers().stream().anyMatch(p -> current.participant(p)
          .map(x -> x.presence() == Presence.JOINED).orElse(false));
      if (other && !current.multiShare()) {
        return Outcome.rejected(current, SHARE_IN_PROGRESS);
      }
      return Outcome.accepted(current.withSharing(actor, true), "share.started",
          Map.of("participant_id", actor.value()));
    }
  }

  /** {@code participant} stopped sharing (unpublished the screen, or left). */
  public record StopShare(ParticipantId participant) implements MeetingMutation {
    @Override
    public Outcome apply(MeetingId id, LiveMeeting current) {
      if (current == null) {
        return Outcome.rejected(null, MeetingMutations.NOT_FOUND);
      }
      if (!current.sharers().contains(participant)) {
        return Outcome.accepted(current, null, Map.of());
      }
      return Outcome.accepted(current.withSharing(participant, false), "share.stopped",
          Map.of("participant_id", participant.value()));
    }
  }

  /** A host or co-host allows (or stops allowing) several sharers at once; current shares go on. */
  public record AllowMultiShare(ParticipantId actor, boolean allowed) implements MeetingMutation {
    @Override
    public Outcome apply(MeetingId id, LiveMeeting current) {
      Outcome refused = HostMutations.authorize(current, actor, false);
      if (refused != null) {
        return refused;
      }
      return Outcome.accepted(current.withMultiShare(allowed), "meeting.multi_share_changed",
          Map.of("by", actor.value(), "allowed", allowed));
    }
  }

  private static Outcome joinedOnly(LiveMeeting m, ParticipantId actor) {
    if (m == null) {
      return Outcome.rejected(null, MeetingMutations.NOT_FOUND);
    }
    if (m.ended()) {
      return Outcome.rejected(m, MeetingMutations.ENDED);
    }
    LiveParticipant a = m.participant(actor).orElse(null);
    return a != null && a.presence() == Presence.JOINED ? null : Outcome.rejected(m, MeetingMutations.FORBIDDEN);
  }
}
