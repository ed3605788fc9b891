package io.confero.meeting;

import java.io.Serializable;

/** A participant in a meeting's live (hot) state. */
public record LiveParticipant(ParticipantId id, String displayName, Role role, Presence presence,
    boolean audioMuted, boolean videoMuted, long handRaisedAt, String userRef) implements Serializable {

  /** A participant with no integrator user id (a guest via a join link). */
  public LiveParticipant(ParticipantId id, String displayName, Role role, Presence presence, boolean audioMuted,
      boolean videoMuted, long handRaisedAt) {
    this(id, displayName, role, presence, audioMuted, videoMuted, handRaisedAt, null);
  }

  /** Where the participant is. */
  public enum Presence { INVITED, WAITING, JOINED, LEFT, REMOVED }

  public LiveParticipant with(Presence p) {
    return new LiveParticipant(id, displayName, role, p, audioMuted, videoMuted, handRaisedAt, userRef);
  }

  public LiveParticipant withRole(Role r) {
    return new LiveParticipant(id, displayName, r, presence, audioMuted, videoMuted, handRaisedAt, userRef);
  }

  public LiveParticipant withMutes(boolean audio, boolean video) {
    return new LiveParticipant(id, displayName, role, presence, audio, video, handRaisedAt, userRef);
  }

  public LiveParticipant withHand(long raisedAt) {
    return new LiveParticipant(id, displayName, role, presence, audioMuted, videoMuted, raisedAt, userRef);
  }
}
