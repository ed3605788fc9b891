package io.confero.meeting;

import java.io.Serializable;

/**
 * A participant in a meeting's live (hot) state. {@code reconnecting}: joined, but their connection
 * dropped and the reconnect grace period runs (docs/protocol.md, "Reconnecting").
 */
public record LiveParticipant(ParticipantId id, String displayName, Role role, Presence presence,
    boolean audioMuted, boolean videoMuted, long handRaisedAt, String userRef, boolean reconnecting)
    implements Serializable {

  /** A participant with an integrator user id (or null), connected. */
  public LiveParticipant(ParticipantId id, String displayName, Role role, Presence presence, boolean audioMuted,
      boolean videoMuted, long handRaisedAt, String userRef) {
    this(id, displayName, role, presence, audioMuted, videoMuted, handRaisedAt, userRef, false);
  }

  /** A participant with no integrator user id (a guest via a join link). */
  public LiveParticipant(ParticipantId id, String displayName, Role role, Presence presence, boolean audioMuted,
      boolean videoMuted, long handRaisedAt) {
    this(id, displayName, role, presence, audioMuted, videoMuted, handRaisedAt, null, false);
  }

  /** Where the participant is. */
  public enum Presence { INVITED, WAITING, JOINED, LEFT, REMOVED }

  /** The participant moved to {@code p} (connected again, or gone: not reconnecting any more). */
  public LiveParticipant with(Presence p) {
    return new LiveParticipant(id, displayName, role, p, audioMuted, videoMuted, handRaisedAt, userRef, false);
  }

  public LiveParticipant withRole(Role r) {
    return new LiveParticipant(id, displayName, r, presence, audioMuted, videoMuted, handRaisedAt, userRef, reconnecting);
  }

  public LiveParticipant withMutes(boolean audio, boolean video) {
    return new LiveParticipant(id, displayName, role, presence, audio, video, handRaisedAt, userRef, reconnecting);
  }

  public LiveParticipant withHand(long raisedAt) {
    return new LiveParticipant(id, displayName, role, presence, audioMuted, videoMuted, raisedAt, userRef, reconnecting);
  }

  public LiveParticipant withReconnecting(boolean r) {
    return new LiveParticipant(id, displayName, role, presence, audioMuted, videoMuted, handRaisedAt, userRef, r);
  }
}
