package io.confero.store;

import io.confero.meeting.Meeting;
import io.confero.meeting.MeetingId;
import java.time.Instant;

/** Filters and cursor position of a meeting listing; null fields do not filter. */
public record MeetingQuery(Meeting.Status status, Instant from, Instant to, Instant afterCreatedAt,
    MeetingId afterId, int limit) {}
