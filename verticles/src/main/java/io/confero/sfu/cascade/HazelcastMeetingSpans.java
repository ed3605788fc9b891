package io.confero.sfu.cascade;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * {@link MeetingSpans} on the Hazelcast map {@value #MAP_NAME}: meeting id → the workers hosting
 * it ({@code node/worker}). The key is the meeting id, so a meeting's entry lives on one partition
 * and each change is an {@link EntryProcessor} run there, atomic without locks. Workers of nodes
 * that left the cluster are skipped (a killed node never removes itself) and pruned on the next join.
 */
public final class HazelcastMeetingSpans implements MeetingSpans {
  public static final String MAP_NAME = "confero-meeting-span";

  /** The Hazelcast member attribute under which Vert.x keeps its node id. */
  static final String NODE_ID_ATTRIBUTE = "__vertx.nodeId";

  private final HazelcastInstance hz;
  private final IMap<String, TreeSet<String>> map;
  private final Predicate<String> alive;

  /** {@code alive} tells whether a node id is a current cluster member. */
  public HazelcastMeetingSpans(HazelcastInstance hz, Predicate<String> alive) {
    this.hz = hz;
    this.map = hz.getMap(MAP_NAME);
    this.alive = alive;
  }

  @Override
  public List<CascadeMessage.Endpoint> join(String meetingId, CascadeMessage.Endpoint self) {
    List<String> dead = new ArrayList<>();
    List<CascadeMessage.Endpoint> others = new ArrayList<>();
    TreeSet<String> before = map.executeOnKey(meetingId, new Join(key(self)));
    for (String k : before) {
      CascadeMessage.Endpoint e = endpoint(k);
      if (e.equals(self)) {
        continue;
      }
      if (alive.test(e.node())) {
        others.add(e);
      } else {
        dead.add(k);
      }
    }
    if (!dead.isEmpty()) {
      map.executeOnKey(meetingId, new Leave(dead));
    }
    return others;
  }

  @Override
  public void leave(String meetingId, CascadeMessage.Endpoint self) {
    map.executeOnKey(meetingId, new Leave(List.of(key(self))));
  }

  @Override
  public void onNodeLeft(java.util.function.Consumer<String> left) {
    hz.getCluster().addMembershipListener(new com.hazelcast.cluster.MembershipListener() {
      @Override
      public void memberAdded(com.hazelcast.cluster.MembershipEvent e) {
      }

      @Override
      public void memberRemoved(com.hazelcast.cluster.MembershipEvent e) {
        String node = e.getMember().getAttribute(NODE_ID_ATTRIBUTE);
        if (node != null) {
          left.accept(node);
        }
      }
    });
  }

  static String key(CascadeMessage.Endpoint e) {
    return e.node() + "/" + e.worker();
  }

  static CascadeMessage.Endpoint endpoint(String key) {
    int slash = key.lastIndexOf('/');
    return new CascadeMessage.Endpoint(key.substring(0, slash), Integer.parseInt(key.substring(slash + 1)));
  }

  /** Adds a worker; returns the set before. */
  record Join(String worker) implements EntryProcessor<String, TreeSet<String>, TreeSet<String>>, Serializable {
    @Override
    public TreeSet<String> process(Map.Entry<String, TreeSet<String>> entry) {
      TreeSet<String> before = entry.getValue() == null ? new TreeSet<>() : entry.getValue();
      TreeSet<String> after = new TreeSet<>(before);
      after.add(worker);
      entry.setValue(after);
      return before;
    }
  }

  /** Removes workers; the entry goes with the last. */
  record Leave(List<String> workers) implements EntryProcessor<String, TreeSet<String>, Void>, Serializable {
    Leave {
      workers = List.copyOf(workers);
    }

    @Override
    public Void process(Map.Entry<String, TreeSet<String>> entry) {
      if (entry.getValue() != null) {
        TreeSet<String> after = new TreeSet<>(entry.getValue());
        after.removeAll(workers);
        entry.setValue(after.isEmpty() ? null : after);
      }
      return null;
    }
  }
}
