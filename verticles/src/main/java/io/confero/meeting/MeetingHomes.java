package io.confero.meeting;

import java.util.function.Predicate;

/**
 * Meeting-to-node affinity: every meeting has one home node whose signaling plane and SFU serve
 * all of its participants (the sticky room-to-node routing of Jitsi's Jicofo or LiveKit). The
 * first node to claim a meeting becomes its home; a home that left the cluster is replaced
 * atomically by the claiming node. Blocking and free of Vert.x: the store and the membership view
 * are injected ({@link HazelcastMeetingHomes} runs it on a worker thread).
 */
public final class MeetingHomes {
  /** Conditional claims tried before this node takes the meeting regardless (a store under heavy churn). */
  static final int MAX_TRIES = 4;

  /** The shared maps: meeting id → home node id, and node id → public signaling URL. */
  public interface Store {
    /** The current home, or null after recording {@code nodeId} as the home. */
    String putIfAbsent(String meetingId, String nodeId);

    /** Replaces the home only while it still is {@code expected}. */
    boolean replace(String meetingId, String expected, String nodeId);

    /** The published signaling URL of a node, or null when it published none. */
    String urlOf(String nodeId);

    void remove(String meetingId);
  }

  /**
   * Where a meeting lives: its home node, that node's signaling URL, and whether this node serves it
   * (it is the home, or it publishes the same URL as the home).
   */
  public record Home(String nodeId, String url, boolean local) {}

  private final String selfId;
  private final String selfUrl;
  private final Store store;
  private final Predicate<String> alive;

  /** {@code alive} tells whether a node id is a current cluster member. */
  public MeetingHomes(String selfId, String selfUrl, Store store, Predicate<String> alive) {
    this.selfId = selfId;
    this.selfUrl = selfUrl;
    this.store = store;
    this.alive = alive;
  }

  /**
   * The meeting's home: this node when none is recorded (recorded now), the recorded node while it
   * is a live member that published a URL, else this node (replacing the dead home atomically).
   */
  public Home claim(String meetingId) {
    String current = store.putIfAbsent(meetingId, selfId);
    for (int i = 0; i < MAX_TRIES; i++) {
      if (current == null || current.equals(selfId)) {
        return self();
      }
      if (alive.test(current)) {
        String url = store.urlOf(current);
        if (url != null) {
          // nodes sharing one URL (a load balancer in front of all) cannot be told apart by clients:
          // serve here, as before affinity, rather than send the client round in circles
          return new Home(current, url, url.equals(selfUrl));
        }
      }
      if (store.replace(meetingId, current, selfId)) {
        return self();
      }
      current = store.putIfAbsent(meetingId, selfId);
    }
    return self();
  }

  /** Forgets the meeting's home (the meeting ended or was deleted). */
  public void release(String meetingId) {
    store.remove(meetingId);
  }

  public Home self() {
    return new Home(selfId, selfUrl, true);
  }
}
