package io.confero.meeting;

import io.vertx.core.Future;

/** Meeting-to-node affinity as the REST and signaling planes see it (see {@link MeetingHomes}). */
public interface HomeDirectory {
  /** The meeting's home, claimed for this node when it has none or its home left the cluster. */
  Future<MeetingHomes.Home> claim(MeetingId id);

  /** Forgets the meeting's home (the meeting ended or was deleted). */
  Future<Void> release(MeetingId id);

  /**
   * Signaling URLs of the other live nodes a client may reconnect to with its seat when its node
   * dies (meetings spanning nodes); none when a meeting lives on one home node.
   */
  default Future<java.util.List<String>> alternates() {
    return Future.succeededFuture(java.util.List.of());
  }
}
