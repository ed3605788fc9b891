package io.confero.signaling;

import io.confero.codecs.sfu.SfuEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

/**
 * What the SFU workers of this node report about participants' media, passed on to the clients:
 * the active speaker (remembered for those who join later), which simulcast encodings a publisher
 * should send, which participant each of a subscriber's audio slots carries, a video paused or
 * resumed for a subscriber's poor connection, everyone's network quality, and a transport that went
 * down (the participant is held, as for a dropped socket).
 */
final class SfuEvents {
  private final Rooms rooms;
  private final Departures departures;
  /** meeting id → the participant the SFU last named the active speaker, for those who join later. */
  private final Map<String, String> activeSpeakers = new HashMap<>();

  SfuEvents(Rooms rooms, Departures departures) {
    this.rooms = rooms;
    this.departures = departures;
  }

  void handle(SfuEvent event) {
    if (event instanceof SfuEvent.ActiveSpeaker speaker) {
      if (rooms.has(speaker.meetingId())) {
        activeSpeakers.put(speaker.meetingId(), speaker.participantId());
        rooms.broadcast(speaker.meetingId(), activeSpeakerMessage(speaker.participantId()), null);
      }
    } else if (event instanceof SfuEvent.EncodingsActive e) {
      Connection publisher = rooms.connection(e.meetingId(), e.participantId());
      if (publisher != null && publisher.active()) {
        publisher.send(new JsonObject().put("type", "encodings").put("track_id", e.trackId())
            .put("active", new JsonArray(new ArrayList<Object>(e.active()))));
      }
    } else if (event instanceof SfuEvent.AudioSlots slots) {
      Connection subscriber = rooms.connection(slots.meetingId(), slots.participantId());
      if (subscriber != null && subscriber.active()) {
        subscriber.send(audioSlotsMessage(slots));
      }
    } else if (event instanceof SfuEvent.VideoPaused v) {
      Connection subscriber = rooms.connection(v.meetingId(), v.participantId());
      if (subscriber != null && subscriber.active()) {
        subscriber.send(videoPausedMessage(v));
      }
    } else if (event instanceof SfuEvent.ConnectionQuality q) {
      if (rooms.has(q.meetingId())) {
        rooms.broadcast(q.meetingId(), connectionQualityMessage(q), null);
      }
    } else if (event instanceof SfuEvent.TransportDown down) {
      Connection conn = rooms.connection(down.meetingId(), down.participantId());
      if (conn != null && !conn.held()) {
        conn.error("media-lost", "media connection lost: " + down.reason(), null);
        departures.disconnect(conn, (short) 4408, "media lost");
      }
    }
  }

  /** Tells a participant who just joined who the active speaker is, when the SFU named one. */
  void sendActiveSpeaker(Connection conn) {
    String speaker = activeSpeakers.get(conn.meetingId());
    if (speaker != null) {
      conn.send(activeSpeakerMessage(speaker));
    }
  }

  /** The meeting has no connection on this node any more. */
  void forget(String meetingId) {
    activeSpeakers.remove(meetingId);
  }

  /** {@code audio_slots}: which participant each audio slot m-section carries now (null: silent). */
  static JsonObject audioSlotsMessage(SfuEvent.AudioSlots slots) {
    JsonArray list = new JsonArray();
    for (int i = 0; i < slots.mids().size(); i++) {
      String holder = slots.holders().get(i);
      list.add(new JsonObject().put("mid", slots.mids().get(i)).put("participant_id", holder.isEmpty() ? null : holder));
    }
    return new JsonObject().put("type", "audio_slots").put("slots", list);
  }

  /** {@code video_paused}: the SFU stopped or resumed sending a participant's video here, and why. */
  static JsonObject videoPausedMessage(SfuEvent.VideoPaused v) {
    return new JsonObject().put("type", "video_paused").put("participant_id", v.publisherId())
        .put("track_id", v.trackId()).put("paused", v.paused()).put("reason", "poor_connection");
  }

  /** {@code connection_quality}: a participant's network quality, 0–3 bars. */
  static JsonObject connectionQualityMessage(SfuEvent.ConnectionQuality q) {
    return new JsonObject().put("type", "connection_quality").put("participant_id", q.participantId())
        .put("quality", q.quality());
  }

  private static JsonObject activeSpeakerMessage(String participantId) {
    return new JsonObject().put("type", "active_speaker").put("participant_id", participantId);
  }
}
