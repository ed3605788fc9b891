package io.confero.meeting;

import io.vertx.core.Future;

/**
 * Where live meeting state lives. Every mutation runs atomically on the owner of the meeting's
 * partition; the returned outcome carries the new epoch. Implementations: {@link
 * HazelcastMeetingDirectory} for the running system, {@link InMemoryMeetingDirectory} for tests.
 */
public interface MeetingDirectory {

  /** The live state, or a succeeded future with null when the meeting has none. */
  Future<LiveMeeting> get(MeetingId id);

  /** Applies {@code mutation} atomically; state is only written when the mutation accepts. */
  Future<MeetingMutation.Outcome> apply(MeetingId id, MeetingMutation mutation);

  /** Drops the live state (meeting deleted). */
  Future<Void> remove(MeetingId id);
}
