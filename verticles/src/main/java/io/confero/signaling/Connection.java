package io.confero.signaling;

import io.confero.api.TokenService;
import io.confero.codecs.sfu.TrackInfo;
import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/** One participant's signaling WebSocket and what the signaling plane tracks about it. */
final class Connection {
  static final int MAX_FRAMES_PER_SECOND = 50;

  final ServerWebSocket ws;
  final TokenService.SessionPrincipal principal;
  final List<TrackInfo> tracks = new ArrayList<>();
  boolean joined;
  /** Connected and sent join, but held in the waiting room until a host admits them. */
  boolean waiting;
  /** The role in the live meeting (starts as the token's; hosts can change it). */
  io.confero.meeting.Role role;
  /** The meeting's title, known once join has looked the meeting up. */
  String title;
  /** The meeting is end-to-end encrypted (settings.e2ee_enabled), known once join has looked it up. */
  boolean e2ee;
  /** When the hand went up (server clock, ms), 0 when down. */
  long handRaisedAt;
  boolean closed;
  /** The socket closed unexpectedly and the participant is held for the reconnect grace (see {@link Reconnects}). */
  boolean held;
  boolean audioMuted;
  boolean videoMuted;
  /** video_quality: the height this subscriber shows each remote video at, by track id. */
  final java.util.Map<String, Integer> wantedHeights = new java.util.HashMap<>();
  /** video_constraints last sent to this publisher, by its track id. */
  final java.util.Map<String, Integer> toldHeights = new java.util.HashMap<>();
  /** Publishes a screen share (holds one of the meeting's sharing slots in the live state). */
  boolean sharing;
  boolean subscribeInFlight;
  boolean subscribeDirty;
  /** Frames of one connection are handled strictly in order. */
  Future<?> chain = Future.succeededFuture();
  private final LongSupplier clock;
  private long windowStart;
  private int framesInWindow;

  Connection(ServerWebSocket ws, TokenService.SessionPrincipal principal, LongSupplier clock) {
    this.ws = ws;
    this.principal = principal;
    this.clock = clock;
    this.role = principal.role();
  }

  /** Copies what the live state says about this participant (role, mutes, hand). */
  void sync(io.confero.meeting.LiveParticipant p) {
    role = p.role();
    audioMuted = p.audioMuted();
    videoMuted = p.videoMuted();
    handRaisedAt = p.handRaisedAt();
  }

  String participantId() {
    return principal.participant().value();
  }

  String meetingId() {
    return principal.meeting().value();
  }

  /** Per-connection rate limit: fixed one-second windows. */
  boolean allowFrame() {
    long now = clock.getAsLong();
    if (now - windowStart >= 1000) {
      windowStart = now;
      framesInWindow = 0;
    }
    return ++framesInWindow <= MAX_FRAMES_PER_SECOND;
  }

  void send(JsonObject msg) {
    if (!closed && !ws.isClosed()) {
      ws.writeTextMessage(msg.encode());
    }
  }

  void error(String code, String message, String ref) {
    send(new JsonObject().put("type", "error").put("code", code).put("message", message).put("ref", ref));
  }

  JsonObject participantJson() {
    return new JsonObject().put("participant_id", participantId()).put("display_name", principal.displayName())
        .put("role", role.wire()).put("audio_muted", audioMuted).put("video_muted", videoMuted)
        .put("hand_raised_at", handRaisedAt > 0 ? handRaisedAt : null).put("reconnecting", held);
  }

  static JsonObject trackJson(TrackInfo t) {
    return new JsonObject().put("track_id", t.trackId()).put("participant_id", t.participantId())
        .put("kind", t.kind()).put("source", t.source()).put("muted", t.muted());
  }
}
