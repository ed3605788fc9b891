package io.confero.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Meeting-to-node affinity: which node a join (or a socket) is sent to. */
class MeetingHomesTest {
  static final String A = "node-a";
  static final String B = "node-b";
  static final String URL_A = "ws://a.example:8081/ws";
  static final String URL_B = "ws://b.example:8081/ws";

  /** An in-memory store with the conditional operations of the Hazelcast map, counting operations. */
  static class MapStore implements MeetingHomes.Store {
    final Map<String, String> homes = new HashMap<>();
    final Map<String, String> urls = new HashMap<>(Map.of(A, URL_A, B, URL_B));
    int ops;

    @Override
    public String putIfAbsent(String meetingId, String nodeId) {
      ops++;
      return homes.putIfAbsent(meetingId, nodeId);
    }

    @Override
    public boolean replace(String meetingId, String expected, String nodeId) {
      ops++;
      return homes.replace(meetingId, expected, nodeId);
    }

    @Override
    public String urlOf(String nodeId) {
      ops++;
      return urls.get(nodeId);
    }

    @Override
    public void remove(String meetingId) {
      ops++;
      homes.remove(meetingId);
    }
  }

  static MeetingHomes node(String id, MapStore store, Set<String> live) {
    return new MeetingHomes(id, Objects.equals(id, A) ? URL_A : URL_B, store, live::contains);
  }

  /** recorded home (null: none), live members, claiming node → expected home, its URL, recorded home after. */
  static Stream<Arguments> claims() {
    return Stream.of(
        Arguments.of("first join takes the home", null, Set.of(A, B), A, A, URL_A, A),
        Arguments.of("the home's own join stays", A, Set.of(A, B), A, A, URL_A, A),
        Arguments.of("a second node's join gets the first node's URL", A, Set.of(A, B), B, A, URL_A, A),
        Arguments.of("a dead home is replaced by the answering node", A, Set.of(B), B, B, URL_B, B),
        Arguments.of("a live home that published no URL is replaced", "node-c", Set.of(A, B, "node-c"), B, B, URL_B, B));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("claims")
  void claim(String name, String recorded, Set<String> live, String claimant, String home, String url,
      String recordedAfter) {
    MapStore store = new MapStore();
    if (recorded != null) {
      store.homes.put("m1", recorded);
    }
    MeetingHomes.Home h = node(claimant, store, live).claim("m1");
    assertThat(h).isEqualTo(new MeetingHomes.Home(home, url, home.equals(claimant)));
    assertThat(store.homes).containsEntry("m1", recordedAfter);
  }

  @Test
  void aNodeSharingTheHomesUrlServesTheMeetingItself() {
    MapStore store = new MapStore();
    store.urls.put(B, URL_A);
    store.homes.put("m1", B);
    MeetingHomes a = node(A, store, Set.of(A, B));
    assertThat(a.claim("m1")).isEqualTo(new MeetingHomes.Home(B, URL_A, true));
    assertThat(store.homes).containsEntry("m1", B);
  }

  @Test
  void aJoinOnTheHomeCostsOneMapOperation() {
    MapStore store = new MapStore();
    MeetingHomes a = node(A, store, Set.of(A, B));
    a.claim("m1");
    store.ops = 0;
    a.claim("m1");
    assertThat(store.ops).isEqualTo(1);
  }

  @Test
  void twoNodesAgreeOnOneHomePerMeeting() {
    MapStore store = new MapStore();
    Set<String> live = new HashSet<>(Set.of(A, B));
    MeetingHomes a = node(A, store, live);
    MeetingHomes b = node(B, store, live);
    assertThat(b.claim("m1").nodeId()).isEqualTo(B);
    assertThat(a.claim("m1")).isEqualTo(new MeetingHomes.Home(B, URL_B, false));
    assertThat(a.claim("m2").nodeId()).isEqualTo(A);
    live.remove(B);
    assertThat(a.claim("m1")).isEqualTo(new MeetingHomes.Home(A, URL_A, true));
    assertThat(a.claim("m2").local()).isTrue();
  }

  @Test
  void aReleasedMeetingIsClaimedAfresh() {
    MapStore store = new MapStore();
    MeetingHomes a = node(A, store, Set.of(A, B));
    MeetingHomes b = node(B, store, Set.of(A, B));
    a.claim("m1");
    a.release("m1");
    assertThat(store.homes).doesNotContainKey("m1");
    assertThat(b.claim("m1").nodeId()).isEqualTo(B);
  }

  @Test
  void aLostReplaceRaceFollowsTheWinner() {
    // B sees the dead home C, but A replaces it first: B then names A
    MapStore store = new MapStore() {
      @Override
      public boolean replace(String meetingId, String expected, String nodeId) {
        homes.put(meetingId, A);
        return super.replace(meetingId, expected, nodeId);
      }
    };
    store.homes.put("m1", "node-c");
    assertThat(node(B, store, Set.of(A, B)).claim("m1")).isEqualTo(new MeetingHomes.Home(A, URL_A, false));
  }
}
