package io.confero.signaling;

import io.confero.meeting.LiveMeeting;
import io.confero.meeting.LiveParticipant;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The meetings with connections on this node (LiveKit's room: who is here, and sending to them):
 * meeting id → participant id → the connection, joined, waiting or held. A room opens with its
 * first connection and closes with its last; the {@link Listener} hears both (the owner subscribes
 * to the meeting's events then, and forgets per-meeting state). One event loop, no locks.
 */
final class Rooms implements Broadcaster {
  /** Hears rooms open and close. */
  interface Listener {
    void opened(String meetingId);

    void closed(String meetingId);
  }

  private final Map<String, Map<String, Connection>> meetings = new HashMap<>();
  private final Listener listener;
  private final ParticipantBatches batches;
  private ClusterRelay relay;

  /** @param batches keeps a large room's participant events for {@link #flushBatches} */
  Rooms(Listener listener, ParticipantBatches batches) {
    this.listener = listener;
    this.batches = batches;
  }

  /** Meetings spanning nodes: every broadcast also goes to the other nodes of the meeting. */
  void relayTo(ClusterRelay relay) {
    this.relay = relay;
  }

  /** Seats {@code conn} in its meeting's room (opening it); the participant's previous connection, or null. */
  Connection put(Connection conn) {
    Map<String, Connection> room = meetings.get(conn.meetingId());
    if (room == null) {
      room = new LinkedHashMap<>();
      meetings.put(conn.meetingId(), room);
      listener.opened(conn.meetingId());
    }
    return room.put(conn.participantId(), conn);
  }

  /** Takes a connection out of its room; false when the room holds another connection for that participant. */
  boolean forget(Connection conn) {
    Map<String, Connection> room = meetings.get(conn.meetingId());
    if (room == null || room.get(conn.participantId()) != conn) {
      return false;
    }
    room.remove(conn.participantId());
    if (room.isEmpty()) {
      meetings.remove(conn.meetingId());
      batches.forget(conn.meetingId());
      listener.closed(conn.meetingId());
    }
    return true;
  }

  /** True while {@code conn} is the one its room holds for its participant. */
  boolean seated(Connection conn) {
    return connection(conn.meetingId(), conn.participantId()) == conn;
  }

  boolean has(String meetingId) {
    return meetings.containsKey(meetingId);
  }

  /** The connection of a participant connected to this node, or null. */
  Connection connection(String meetingId, String participantId) {
    Map<String, Connection> room = meetings.get(meetingId);
    return room == null ? null : room.get(participantId);
  }

  /** Every connection (joined, waiting or held) of a meeting on this node, in joining order. */
  List<Connection> connections(String meetingId) {
    Map<String, Connection> room = meetings.get(meetingId);
    return room == null ? List.of() : List.copyOf(room.values());
  }

  /** The meetings with a connection on this node. */
  List<String> meetingIds() {
    return List.copyOf(meetings.keySet());
  }

  /** Every connection on this node. */
  Stream<Connection> all() {
    return meetings.values().stream().flatMap(room -> List.copyOf(room.values()).stream());
  }

  /** A large room's participant events wait for the next {@link #flushBatches}; everything else goes now. */
  @Override
  public void broadcast(String meetingId, JsonObject msg, Connection except) {
    Map<String, Connection> room = meetings.get(meetingId);
    if (room != null && !batches.offer(meetingId, room.size(), msg, except)) {
      String text = msg.encode(); // once for the whole room
      room.values().stream().filter(x -> x != except && x.inMeeting()).forEach(x -> x.sendText(text));
    }
    if (relay != null) {
      relay.relay(meetingId, msg, except, false);
    }
  }

  /** Sends each large room's batched participant events as one {@code participants_changed} frame each. */
  void flushBatches() {
    batches.drain().forEach((meetingId, changes) -> {
      Map<String, Connection> room = meetings.get(meetingId);
      if (room == null) {
        return;
      }
      JsonObject shared = ParticipantBatches.frame(changes, null);
      String text = shared == null ? null : shared.encode();
      java.util.Set<Connection> skipping = new java.util.HashSet<>();
      changes.forEach(c -> skipping.add(c.except()));
      for (Connection to : List.copyOf(room.values())) {
        if (!to.inMeeting()) {
          continue;
        }
        if (skipping.contains(to)) {
          JsonObject own = ParticipantBatches.frame(changes, to);
          if (own != null) {
            to.send(own);
          }
        } else if (text != null) {
          to.sendText(text);
        }
      }
    });
  }

  @Override
  public void broadcastModerators(String meetingId, JsonObject msg) {
    deliverLocal(meetingId, msg, "", true);
    if (relay != null) {
      relay.relay(meetingId, msg, null, true);
    }
  }

  /**
   * A broadcast another node of the meeting made: to this node's participants of the meeting (all,
   * or the moderators), but participant {@code except}.
   */
  void deliverLocal(String meetingId, JsonObject msg, String except, boolean moderators) {
    Map<String, Connection> room = meetings.get(meetingId);
    if (room != null) {
      room.values().stream().filter(x -> !x.participantId().equals(except) && x.inMeeting()
          && (!moderators || x.role.canModerate())).forEach(x -> x.send(msg));
    }
  }

  /**
   * Brings each connection of the meeting whose role {@code state} changed up to date and tells
   * everyone ({@code participant_updated}); one that may now moderate also gets a {@code knock} for
   * everyone waiting, so a new host sees the waiting room. Answers the connections that changed.
   */
  List<Connection> syncRoles(String meetingId, LiveMeeting state) {
    List<Connection> changed = new ArrayList<>();
    for (LiveParticipant p : state.participants().values()) {
      Connection c = connection(meetingId, p.id().value());
      if (c == null || !c.inMeeting() || c.role == p.role()) {
        continue;
      }
      boolean mayNowModerate = !c.role.canModerate() && p.role().canModerate();
      c.sync(p);
      changed.add(c);
      broadcast(meetingId, new JsonObject().put("type", "participant_updated").put("participant", c.participantJson()), null);
      if (mayNowModerate) {
        state.participants().values().stream().filter(w -> w.presence() == LiveParticipant.Presence.WAITING)
            .forEach(w -> c.send(new JsonObject().put("type", "knock")
                .put("participant", Views.knocker(w.id().value(), w.displayName()))));
      }
    }
    return changed;
  }
}
