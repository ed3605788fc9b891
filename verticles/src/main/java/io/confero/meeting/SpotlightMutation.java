package io.confero.meeting;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A host or co-host spotlights one joined panelist for everyone ({@code target}; null ends the
 * spotlight): every client shows them big, as Zoom's "Spotlight for everyone" does. A participant
 * who is no moderator is refused ({@link MeetingMutations#FORBIDDEN}); so is a target that is not
 * joined or is an attendee, who has no camera to show ({@link MeetingMutations#NO_PARTICIPANT}).
 */
public record SpotlightMutation(ParticipantId actor, ParticipantId target) implements MeetingMutation {
  @Override
  public Outcome apply(MeetingId id, LiveMeeting current) {
    Outcome refused = HostMutations.authorize(current, actor, false);
    if (refused != null) {
      return refused;
    }
    if (target != null) {
      LiveParticipant t = current.participant(target).orElse(null);
      if (t == null || t.presence() != LiveParticipant.Presence.JOINED || t.role() == Role.VIEWER) {
        return Outcome.rejected(current, MeetingMutations.NO_PARTICIPANT);
      }
    }
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("by", actor.value());
    payload.put("participant_id", target == null ? null : target.value());
    return Outcome.accepted(current.withSpotlight(target), "meeting.spotlight", payload);
  }
}
