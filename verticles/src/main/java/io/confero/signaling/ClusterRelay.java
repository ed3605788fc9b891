package io.confero.signaling;

import io.confero.codecs.Addresses;
import io.confero.codecs.meeting.MeetingEvent;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * Signaling of meetings that span nodes ({@code cluster.cascade}): what this node sends its own
 * participants of a meeting is published on the meeting's cluster address as
 * {@link MeetingEvent.Relayed}, and every other node of the meeting sends it to its participants
 * too, so a participant sees the others wherever they are served. A node whose first participant
 * of a meeting arrives asks the others for their roster ({@link MeetingEvent.RosterWanted}), which
 * they answer as relayed {@code participant_updated} and {@code track_published} messages. Changes
 * of the far tracks renegotiate this node's subscribers (their SFU worker has the far proxies by
 * then: the far node's producer reached it before the far signaling published). One event loop.
 */
final class ClusterRelay {
  private static final Set<String> TRACK_CHANGES = Set.of("track_published", "track_unpublished", "participant_left");
  /** What every node works out for itself: its SFU hears every participant's audio level (the far ones' through the link). */
  private static final Set<String> NODE_LOCAL = Set.of("active_speaker");

  private final EventBus bus;
  private final String nodeId;
  private final boolean enabled;
  private final Rooms rooms;
  private Subscriptions subscriptions;

  ClusterRelay(EventBus bus, String nodeId, boolean enabled, Rooms rooms) {
    this.bus = bus;
    this.nodeId = nodeId;
    this.enabled = enabled;
    this.rooms = rooms;
  }

  /** Set once the verticle built its subscriptions (they need the rooms first). */
  void subscriptions(Subscriptions s) {
    this.subscriptions = s;
  }

  /** What this node sent its participants of a meeting goes to the other nodes' participants. */
  void relay(String meetingId, JsonObject msg, Connection except, boolean moderators) {
    if (enabled && !NODE_LOCAL.contains(msg.getString("type"))) {
      bus.publish(Addresses.meetingEvents(meetingId), new MeetingEvent.Relayed(meetingId, nodeId,
          except == null ? "" : except.participantId(), moderators, msg.encode()));
    }
  }

  /** This node's first participant of a meeting arrived: the other nodes' rosters are wanted. */
  void opened(String meetingId) {
    if (enabled) {
      bus.publish(Addresses.meetingEvents(meetingId), new MeetingEvent.RosterWanted(meetingId, nodeId));
    }
  }

  /** A message another node sent its participants: ours get it too. */
  void onRelayed(MeetingEvent.Relayed r) {
    if (r.fromNode().equals(nodeId)) {
      return;
    }
    JsonObject msg = new JsonObject(r.json());
    rooms.deliverLocal(r.meetingId(), msg, r.except(), r.moderators());
    if (subscriptions != null && TRACK_CHANGES.contains(msg.getString("type"))) {
      subscriptions.renegotiateAll(r.meetingId(), null);
    }
  }

  /** Another node's first participant of a meeting arrived: it hears who is here and what they publish. */
  void onRosterWanted(MeetingEvent.RosterWanted w) {
    if (w.fromNode().equals(nodeId)) {
      return;
    }
    for (Connection conn : rooms.connections(w.meetingId())) {
      if (conn.inMeeting()) {
        relay(w.meetingId(), new JsonObject().put("type", "participant_updated").put("participant",
            conn.participantJson()), null, false);
        conn.tracks.forEach(t -> relay(w.meetingId(), new JsonObject().put("type", "track_published")
            .put("track", Connection.trackJson(t)), null, false));
      }
    }
  }
}
