package io.confero.signaling;

import io.confero.codecs.meeting.MeetingEvent;
import io.confero.meeting.MeetingId;
import io.confero.recording.control.RecordingConflict;
import io.confero.recording.control.RecordingService;
import io.confero.store.MeetingRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;

/**
 * Recording over signaling (docs/protocol.md, "Recording"): a host or co-host starts and stops it
 * ({@code start_recording}, {@code stop_recording}; anyone else gets {@code forbidden}), and
 * everyone sees the indicator: a {@code recording} message when it changes (whoever started it,
 * REST included) and the state in {@code joined}.
 */
final class RecordingControls {
  private final Broadcaster rooms;
  private final RecordingService recordings;
  private final MeetingRepository meetings;
  /** meeting id → the recording in progress, for meetings with connections on this node. */
  private final Map<String, String> active = new HashMap<>();

  RecordingControls(Broadcaster rooms, RecordingService recordings, MeetingRepository meetings) {
    this.rooms = rooms;
    this.recordings = recordings;
    this.meetings = meetings;
  }

  Future<?> handle(Connection conn, String type) {
    if (!conn.role.canModerate()) {
      throw new SignalingError("forbidden", "only a host or co-host can start or stop recording");
    }
    MeetingId meeting = conn.principal.meeting();
    String by = conn.participantId();
    Future<?> done;
    if (type.equals("start_recording")) {
      done = meetings.findById(meeting).compose(found -> recordings.start(
          found.orElseThrow(() -> new SignalingError("meeting-ended", "the meeting is gone")), by));
    } else {
      done = recordings.active(meeting).compose(a -> a.isEmpty()
          ? Future.failedFuture(new RecordingConflict(RecordingService.NOT_RECORDING, "the meeting is not being recorded"))
          : recordings.stop(a.get().tenant(), a.get().id(), by));
    }
    return done.recover(e -> Future.failedFuture(e instanceof RecordingConflict c
        ? new SignalingError(c.code(), c.getMessage()) : e));
  }

  /** The room of a meeting opened on this node: learn whether it is being recorded already. */
  void opened(String meetingId) {
    MeetingId.parse(meetingId).ifPresent(id -> recordings.active(id).onSuccess(a -> a.ifPresent(r -> {
      if (!active.containsKey(meetingId)) {
        active.put(meetingId, r.id().toString());
        rooms.broadcast(meetingId, message(meetingId), null);
      }
    })));
  }

  void closed(String meetingId) {
    active.remove(meetingId);
  }

  /** A recording started or stopped (from any node): tell the room. */
  void changed(MeetingEvent.RecordingChanged e) {
    if (e.active()) {
      active.put(e.meetingId(), e.recordingId());
    } else if (e.recordingId().equals(active.get(e.meetingId()))) {
      active.remove(e.meetingId());
    }
    rooms.broadcast(e.meetingId(), message(e.meetingId()), null);
  }

  /** The indicator state: {@code {"active": bool, "recording_id": …}}. */
  JsonObject state(String meetingId) {
    String id = active.get(meetingId);
    return new JsonObject().put("active", id != null).put("recording_id", id);
  }

  private JsonObject message(String meetingId) {
    return state(meetingId).put("type", "recording");
  }
}
