package io.confero.signaling;

import io.confero.meeting.LiveParticipant;
import io.confero.store.ChatRepository;
import io.vertx.core.json.JsonObject;

/** JSON shapes of protocol v1 built from live state and stored rows (docs/protocol.md). */
final class Views {
  private Views() {}

  /** A participant not connected to this node, from the live state. */
  static JsonObject participant(LiveParticipant p) {
    return new JsonObject().put("participant_id", p.id().value()).put("display_name", p.displayName())
        .put("role", p.role().wire()).put("audio_muted", p.audioMuted()).put("video_muted", p.videoMuted())
        .put("hand_raised_at", p.handRaisedAt() > 0 ? p.handRaisedAt() : null).put("reconnecting", p.reconnecting());
  }

  /** Someone in the waiting room, as hosts see them. */
  static JsonObject knocker(String participantId, String displayName) {
    return new JsonObject().put("participant_id", participantId).put("display_name", displayName);
  }

  static JsonObject chat(ChatRepository.ChatMessage m) {
    return new JsonObject().put("message_id", m.id()).put("participant_id", m.participant().value())
        .put("display_name", m.displayName()).put("text", m.text()).put("sent_at", m.sentAt().toString());
  }
}
