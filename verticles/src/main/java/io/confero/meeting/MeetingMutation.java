package io.confero.meeting;

import java.io.Serializable;
import java.util.Map;

/**
 * One atomic change to a meeting's live state. {@link #apply} is a pure function of the current
 * state (null when the meeting has no live state yet); it runs on the partition owner.
 */
public interface MeetingMutation extends Serializable {

  Outcome apply(MeetingId id, LiveMeeting current);

  /** What a mutation did: the new state (or the unchanged one) and the event to log, or an error code. */
  record Outcome(LiveMeeting state, boolean accepted, String errorCode, String eventType,
      Map<String, Object> eventPayload) implements Serializable {
    public static Outcome accepted(LiveMeeting state, String eventType, Map<String, Object> payload) {
      return new Outcome(state, true, null, eventType, payload);
    }

    public static Outcome rejected(LiveMeeting state, String errorCode) {
      return new Outcome(state, false, errorCode, null, Map.of());
    }
  }
}
