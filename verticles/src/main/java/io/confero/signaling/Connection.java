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
  boolean closed;
  boolean audioMuted;
  boolean videoMuted;
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
        .put("role", principal.role().wire()).put("audio_muted", audioMuted).put("video_muted", videoMuted);
  }

  static JsonObject trackJson(TrackInfo t) {
    return new JsonObject().put("track_id", t.trackId()).put("participant_id", t.participantId())
        .put("kind", t.kind()).put("source", t.source()).put("muted", t.muted());
  }
}
