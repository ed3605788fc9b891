package io.confero.sfu.cascade;

import java.util.List;

/**
 * Which SFU workers of the cluster host each meeting (the cluster's meeting state, partitioned by
 * meeting id): a worker records itself when the meeting's first participant arrives there and
 * removes itself when the last leaves. Blocking; called off the event loops.
 */
public interface MeetingSpans {
  /** Records {@code self} as hosting {@code meetingId}; the other live workers hosting it. */
  List<CascadeMessage.Endpoint> join(String meetingId, CascadeMessage.Endpoint self);

  /** {@code self} no longer hosts {@code meetingId}. */
  void leave(String meetingId, CascadeMessage.Endpoint self);

  /**
   * Calls {@code left} with the node id of every node that leaves the cluster from now on (killed or
   * shut down): its workers' pipes are gone. Nothing by default.
   */
  default void onNodeLeft(java.util.function.Consumer<String> left) {
  }

  /** A single node: no other node ever hosts a meeting. */
  MeetingSpans NONE = new MeetingSpans() {
    @Override
    public List<CascadeMessage.Endpoint> join(String meetingId, CascadeMessage.Endpoint self) {
      return List.of();
    }

    @Override
    public void leave(String meetingId, CascadeMessage.Endpoint self) {
    }
  };
}
