package io.confero.meeting;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.Predicate;

/**
 * {@link MeetingHomes} on two Hazelcast maps: {@value #NODES_MAP} (node id → public signaling URL,
 * published while the node runs) and {@value #HOMES_MAP} (meeting id → home node id). The map
 * operations block, so they run on a worker thread, never an event loop.
 */
public final class HazelcastMeetingHomes implements HomeDirectory {
  public static final String NODES_MAP = "confero-nodes";
  public static final String HOMES_MAP = "confero-meeting-home";

  private final Vertx vertx;
  private final IMap<String, String> nodes;
  private final MeetingHomes homes;
  private final String selfId;
  private final String selfUrl;
  private final Predicate<String> alive;

  /** {@code alive} tells whether a node id is a current cluster member. */
  public HazelcastMeetingHomes(Vertx vertx, HazelcastInstance hz, String selfId, String selfUrl,
      Predicate<String> alive) {
    this.vertx = vertx;
    this.nodes = hz.getMap(NODES_MAP);
    IMap<String, String> map = hz.getMap(HOMES_MAP);
    this.selfId = selfId;
    this.selfUrl = selfUrl;
    this.alive = alive;
    this.homes = new MeetingHomes(selfId, selfUrl, new MeetingHomes.Store() {
      @Override
      public String putIfAbsent(String meetingId, String nodeId) {
        return map.putIfAbsent(meetingId, nodeId);
      }

      @Override
      public boolean replace(String meetingId, String expected, String nodeId) {
        return map.replace(meetingId, expected, nodeId);
      }

      @Override
      public String urlOf(String nodeId) {
        return nodes.get(nodeId);
      }

      @Override
      public void remove(String meetingId) {
        map.delete(meetingId);
      }
    }, alive);
  }

  /** Publishes this node's signaling URL (at startup, before the node serves joins). */
  public Future<Void> publish() {
    return vertx.executeBlocking(() -> {
      nodes.set(selfId, selfUrl);
      return null;
    }, false);
  }

  /** Withdraws this node's signaling URL (at shutdown). */
  public Future<Void> withdraw() {
    return vertx.executeBlocking(() -> {
      nodes.delete(selfId);
      return null;
    }, false);
  }

  @Override
  public Future<MeetingHomes.Home> claim(MeetingId id) {
    return vertx.executeBlocking(() -> homes.claim(id.value()), false);
  }

  @Override
  public Future<Void> release(MeetingId id) {
    return vertx.executeBlocking(() -> {
      homes.release(id.value());
      return null;
    }, false);
  }

  /**
   * Meetings spanning nodes ({@code cluster.cascade}): every join is served by the node whose API
   * answered it, so this node is every meeting's "home" for the REST and signaling planes.
   */
  public HomeDirectory servingHere() {
    HazelcastMeetingHomes all = this;
    return new HomeDirectory() {
      @Override
      public Future<MeetingHomes.Home> claim(MeetingId id) {
        return Future.succeededFuture(homes.self());
      }

      @Override
      public Future<Void> release(MeetingId id) {
        return all.release(id);
      }

      @Override
      public Future<java.util.List<String>> alternates() {
        return vertx.executeBlocking(() -> nodes.entrySet().stream()
            .filter(e -> !e.getKey().equals(selfId) && alive.test(e.getKey()) && !e.getValue().equals(selfUrl))
            .map(java.util.Map.Entry::getValue).distinct().sorted().toList(), false);
      }
    };
  }
}
