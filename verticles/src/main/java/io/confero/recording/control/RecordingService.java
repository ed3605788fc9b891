package io.confero.recording.control;

import io.confero.meeting.Meeting;
import io.confero.meeting.MeetingId;
import io.confero.meeting.MeetingSettings;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Starting and stopping recordings, with the rules every entry point (REST, the host over
 * signaling) shares: a meeting that has ended, does not allow recording, or is end-to-end
 * encrypted cannot be recorded; one recording at a time; a stopped recording cannot be stopped
 * again. Refusals are {@link RecordingConflict}s with stable codes.
 */
public final class RecordingService {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RecordingService.class);
  /** Stable refusal codes. */
  public static final String MEETING_ENDED = "meeting-ended";
  public static final String NOT_ALLOWED = "recording-not-allowed";
  public static final String E2EE = "e2ee-not-recordable";
  public static final String ALREADY_RECORDING = "already-recording";
  public static final String NOT_RECORDING = "not-recording";
  public static final String STILL_RECORDING = "still-recording";

  private final RecordingRepository repo;
  private final DownloadLinks links;
  private final Clock clock;
  private final String nodeId;
  private final CaptureControl capture;
  private final RecordingViewService views;

  public RecordingService(RecordingRepository repo, DownloadLinks links, Clock clock, String nodeId,
      CaptureControl capture, RecordingViews views) {
    this.capture = capture;
    this.views = new RecordingViewService(views, links, clock);
    this.repo = repo;
    this.links = links;
    this.clock = clock;
    this.nodeId = nodeId;
  }

  public Instant now() {
    return clock.instant();
  }

  /** Why {@code m} cannot be recorded, or null when it can. */
  public static RecordingConflict refusal(Meeting m) {
    MeetingSettings s = m.settings();
    if (m.status() == Meeting.Status.ENDED) {
      return new RecordingConflict(MEETING_ENDED, "the meeting has ended");
    }
    if (s.e2eeEnabled()) {
      return new RecordingConflict(E2EE, "the meeting is end-to-end encrypted: the server cannot record media it cannot read");
    }
    if (!s.allowRecording()) {
      return new RecordingConflict(NOT_ALLOWED, "recording is off for this meeting (settings.allow_recording)");
    }
    return null;
  }

  /** Starts recording {@code m} on behalf of {@code by} (an API key or a host participant). */
  public Future<Recording> start(Meeting m, String by) {
    RecordingConflict no = refusal(m);
    if (no != null) {
      return Future.failedFuture(no);
    }
    Recording r = Recording.started(m.id().uuid(), m.tenant().value(), by, nodeId, now());
    return repo.start(r, payload(r)).recover(e -> Future.failedFuture(e instanceof RecordingConflict
        ? new RecordingConflict(ALREADY_RECORDING, "the meeting is already being recorded") : e))
        .compose(started -> capture.capture(started, true).otherwise(e -> {
          LOG.warn("capture of recording {} could not start: {}", started.id(), e.toString());
          return null;
        }).map(started));
  }

  /** Stops the recording {@code id} of the tenant. */
  public Future<Recording> stop(String tenant, UUID id, String by) {
    return repo.find(tenant, id).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(new java.util.NoSuchElementException("recording"));
      }
      if (found.get().status() != RecordingStatus.RECORDING) {
        return Future.failedFuture(new RecordingConflict(NOT_RECORDING, "the recording is not in progress (already stopped)"));
      }
      return captureOff(found.get()).compose(v -> repo.stop(id, by, now(), false, this::payload)).compose(stopped -> stopped.isPresent()
          ? Future.succeededFuture(stopped.get())
          : Future.failedFuture(new RecordingConflict(NOT_RECORDING, "the recording is not in progress (already stopped)")));
    });
  }

  /** Stops whatever recording of the meeting is in progress (the meeting ended); no-op when none. */
  public Future<Void> stopActive(MeetingId meeting, String by) {
    return repo.active(meeting).compose(a -> a.isEmpty() ? Future.succeededFuture()
        : captureOff(a.get()).compose(v -> repo.stop(a.get().id(), by, now(), false, this::payload)).mapEmpty());
  }

  /** Stops the capture and waits for its last chunks; a failure is logged, the stop goes on. */
  private Future<Void> captureOff(Recording r) {
    return capture.capture(r, false).otherwise(e -> {
      LOG.warn("capture of recording {} did not stop cleanly: {}", r.id(), e.toString());
      return null;
    });
  }

  public Future<java.util.Optional<Recording>> find(String tenant, UUID id) {
    return repo.find(tenant, id);
  }

  public Future<java.util.Optional<Recording>> findById(UUID id) {
    return repo.findById(id);
  }

  /** Deletes a recording that is not in progress (the caller removes its files from the store). */
  public Future<Void> delete(String tenant, UUID id) {
    return repo.delete(tenant, id).compose(ok -> ok ? Future.succeededFuture()
        : Future.failedFuture(new RecordingConflict(STILL_RECORDING, "stop the recording before deleting it")));
  }

  public Future<java.util.Optional<Recording>> active(MeetingId meeting) {
    return repo.active(meeting);
  }

  public Future<List<Recording>> list(String tenant, MeetingId meeting) {
    return repo.list(tenant, meeting);
  }

  /** A fresh download link for a ready recording, or null. */
  public DownloadLinks.Link link(Recording r) {
    return r.status() == RecordingStatus.READY ? links.link(r.id(), now()) : null;
  }

  /** The on-demand views (the speaker view). */
  public RecordingViewService views() {
    return views;
  }

  public DownloadLinks links() {
    return links;
  }

  /** The webhook payload (and REST body) of a recording. */
  public JsonObject payload(Recording r) {
    JsonObject o = new JsonObject().put("recording_id", r.id().toString()).put("meeting_id", r.meetingId().toString())
        .put("status", r.status().wire()).put("started_at", r.startedAt().toString())
        .put("stopped_at", r.stoppedAt() == null ? null : r.stoppedAt().toString()).put("partial", r.partial());
    if (r.durationMs() != null) {
      o.put("duration_seconds", r.durationMs() / 1000.0);
    }
    if (r.sizeBytes() != null) {
      o.put("size_bytes", r.sizeBytes());
    }
    DownloadLinks.Link link = link(r);
    if (link != null) {
      o.put("download_url", link.url()).put("download_expires_at", link.expiresAt().toString());
    }
    if (r.error() != null) {
      o.put("error", r.error());
    }
    if (!r.trackFailures().isEmpty()) {
      o.put("track_failures", r.trackFailures());
    }
    return o;
  }
}
