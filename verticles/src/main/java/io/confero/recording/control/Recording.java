package io.confero.recording.control;

import io.vertx.core.json.JsonArray;
import java.time.Instant;
import java.util.UUID;

/** One recording of a meeting, as stored. */
public record Recording(UUID id, UUID meetingId, String tenant, RecordingStatus status, String startedBy,
    String nodeId, Instant startedAt, Instant stoppedAt, String stoppedBy, boolean partial, Long durationMs,
    Long sizeBytes, String mediaKey, String encoder, String error, JsonArray trackFailures, Instant readyAt,
    Instant rawDeletedAt) {

  /** A recording that has just started. */
  public static Recording started(UUID meetingId, String tenant, String by, String nodeId, Instant at) {
    return new Recording(UUID.randomUUID(), meetingId, tenant, RecordingStatus.RECORDING, by, nodeId, at, null, null,
        false, null, null, null, null, null, new JsonArray(), null, null);
  }
}
