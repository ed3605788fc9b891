package io.confero.meeting;

import java.io.Serializable;

/** A participant in a meeting's live (hot) state. */
public record LiveParticipant(ParticipantId id, String displayName, Role role, Presence presence,
    boolean audioMuted, boolean videoMuted, long handRaisedAt) implements Serializable {

  /** Where the participant is. */
  public enum Presence { INVITED, WAITING, JOINED, LEFT, REMOVED }

  public LiveParticipant with(Presence p) {
    return new LiveParticipant(id, displayName, role, p, audioMuted, videoMuted, handRaisedAt);
  }

  public LiveParticipant withRole(Role r) {
    return new LiveParticipant(id, displayName, r, presence, audioMuted, videoMuted, handRaisedAt);
  }

  public LiveParticipant withMutes(boolean audio, boolean video) {
    return new LiveParticipant(id, displayName, role, presence, audio, video, handRaisedAt);
  }

  public LiveParticipant withHand(long raisedAt) {
    return new LiveParticipant(id, displayName, role, presence, audioMuted, videoMuted, raisedAt);
  }
}
