package io.confero.meeting;

import java.io.Serializable;

/**
 * A participant in a meeting's live (hot) state. {@code reconnecting}: joined, but their connection
 * dropped and the reconnect grace period runs (docs/protocol.md, "Reconnecting"). {@code seatedAt}:
 * when the seat was issued (clock millis; 0 when unknown), so a seat nobody connects to stops
 * counting against the meeting's size (see {@link LiveMeeting#occupancy(long)}).
 */
public record LiveParticipant(ParticipantId id, String displayName, Role role, Presence presence,
    boolean audioMuted, boolean videoMuted, long handRaisedAt, String userRef, boolean reconnecting, long seatedAt)
    implements Serializable {

  public LiveParticipant(ParticipantId id, String displayName, Role role, Presence presence, boolean audioMuted,
      boolean videoMuted, long handRaisedAt, String userRef, boolean reconnecting) {
    this(id, displayName, role, presence, audioMuted, videoMuted, handRaisedAt, userRef, reconnecting, 0);
  }

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
    return new LiveParticipant(id, displayName, role, p, audioMuted, videoMuted, handRaisedAt, userRef, false, seatedAt);
  }

  public LiveParticipant withRole(Role r) {
    return new LiveParticipant(id, displayName, r, presence, audioMuted, videoMuted, handRaisedAt, userRef, reconnecting,
        seatedAt);
  }

  public LiveParticipant withMutes(boolean audio, boolean video) {
    return new LiveParticipant(id, displayName, role, presence, audio, video, handRaisedAt, userRef, reconnecting,
        seatedAt);
  }

  public LiveParticipant withHand(long raisedAt) {
    return new LiveParticipant(id, displayName, role, presence, audioMuted, videoMuted, raisedAt, userRef, reconnecting,
        seatedAt);
  }

  public LiveParticipant withReconnecting(boolean r) {
    return new LiveParticipant(id, displayName, role, presence, audioMuted, videoMuted, handRaisedAt, userRef, r, seatedAt);
  }

  /** A seat issued but never connected to, older than {@code confirmMillis} at {@code now}. */
  public boolean unconfirmed(long now, long confirmMillis) {
    return presence == Presence.INVITED && seatedAt > 0 && now - seatedAt >= confirmMillis;
  }
}
