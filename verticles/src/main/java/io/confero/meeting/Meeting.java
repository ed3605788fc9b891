package io.confero.meeting;

import java.time.Instant;

/** A meeting as stored durably. */
public record Meeting(MeetingId id, TenantId tenant, String joinCode, String title, Type type,
    Status status, Instant startTime, int durationMinutes, MeetingSettings settings,
    Instant createdAt, Instant updatedAt, Instant endedAt) {

  /** How the meeting was created. */
  public enum Type { INSTANT, SCHEDULED }

  /** Where the meeting is in its life. */
  public enum Status { SCHEDULED, LIVE, ENDED }
}
