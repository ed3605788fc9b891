package io.confero.signaling;

import io.confero.api.TokenService;
import io.confero.codecs.sfu.TrackInfo;
import io.confero.meeting.VideoCodec;
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
  /** Where this connection is in its life (see {@link State}); changed only on the verticle's event loop. */
  State state = State.CONNECTED;
  /** The role in the live meeting (starts as the token's; hosts can change it). */
  io.confero.meeting.Role role;
  /** The meeting's title, known once join has looked the meeting up. */
  String title;
  /** The meeting is end-to-end encrypted (settings.e2ee_enabled), known once join has looked it up. */
  boolean e2ee;
  /** What the meeting's publishers send (settings.video_codec), known once join has looked it up. */
  VideoCodec videoCodec = VideoCodec.VP8;
  /** The meeting is a webinar (settings.webinar), known once join has looked it up. */
  boolean webinar;
  /** A webinar's attendees may chat (settings.attendee_chat), known once join has looked it up. */
  boolean attendeeChat;
  /** When the hand went up (server clock, ms), 0 when down. */
  long handRaisedAt;
  boolean audioMuted;
  boolean videoMuted;
  /** video_quality: the height this subscriber shows each remote video at, by track id. */
  final java.util.Map<String, Integer> wantedHeights = new java.util.HashMap<>();
  /** video_quality wishes for tracks not known yet when they came (applied once they are), by track id. */
  final java.util.Map<String, Integer> pendingHeights = new java.util.HashMap<>();
  /** video_constraints last sent to this publisher, by its track id. */
  final java.util.Map<String, Integer> toldHeights = new java.util.HashMap<>();
  /** Publishes a screen share (holds one of the meeting's sharing slots in the live state). */
  boolean sharing;
  /** Where the subscriber connection's offer/answer stands (see {@link Subscriptions}). */
  Negotiation negotiation = Negotiation.IDLE;
  /** Frames of one connection are handled strictly in order. */
  Future<?> chain = Future.succeededFuture();
  private final LongSupplier clock;
  /** Budgets of the messages that fan out to everyone (chat, reactions, hands, mute). */
  private final FloodLimits flood = new FloodLimits();
  private long windowStart;
  private int framesInWindow;

  /**
   * The life of a connection. {@code CONNECTED → WAITING → JOINED}, or straight to {@code JOINED};
   * a joined one whose socket dropped is {@code HELD} for the reconnect grace (it stays in the room,
   * reconnecting); everything ends in {@code CLOSED}, after which nothing from the socket counts.
   */
  enum State {
    /** The socket is open and verified; no {@code join} yet. */
    CONNECTED,
    /** Sent join, but waits in the waiting room until a host admits them. */
    WAITING,
    /** In the meeting: receives broadcasts, publishes and subscribes. */
    JOINED,
    /** The socket closed unexpectedly; the seat is held for the reconnect grace (see {@link Reconnects}). */
    HELD,
    /** Left, removed, replaced or ended. */
    CLOSED
  }

  /** The subscriber peer connection's negotiation: one offer out at a time, another owed when tracks changed meanwhile. */
  enum Negotiation {
    IDLE,
    /** A subscribe_offer is out, waiting for its answer. */
    IN_FLIGHT,
    /** An offer is out and the tracks changed since: offer again once it is answered. */
    IN_FLIGHT_DIRTY
  }

  Connection(ServerWebSocket ws, TokenService.SessionPrincipal principal, LongSupplier clock) {
    this.ws = ws;
    this.principal = principal;
    this.clock = clock;
    this.role = principal.role();
  }

  /** A participant of the meeting: joined, or held for the reconnect grace. */
  boolean inMeeting() {
    return state == State.JOINED || state == State.HELD;
  }

  /** Joined with a live socket (not held). */
  boolean active() {
    return state == State.JOINED;
  }

  /** Held for the reconnect grace. */
  boolean held() {
    return state == State.HELD;
  }

  /** Held or closed: the socket is gone for good, nothing is sent, no frame counts. */
  boolean closed() {
    return state == State.HELD || state == State.CLOSED;
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

  /** Whether a {@code type} message is within this participant's flood limits at {@code now} (takes from the budget). */
  boolean allowMessage(String type, long now) {
    return flood.tryTake(type, now);
  }

  void send(JsonObject msg) {
    if (!closed() && !ws.isClosed()) {
      ws.writeTextMessage(msg.encode());
    }
  }

  /** Sends a frame already encoded (a broadcast encodes once for the whole room). */
  void sendText(String frame) {
    if (!closed() && !ws.isClosed()) {
      ws.writeTextMessage(frame);
    }
  }

  void error(String code, String message, String ref) {
    send(new JsonObject().put("type", "error").put("code", code).put("message", message).put("ref", ref));
  }

  JsonObject participantJson() {
    return new JsonObject().put("participant_id", participantId()).put("display_name", principal.displayName())
        .put("role", role.wire()).put("audio_muted", audioMuted).put("video_muted", videoMuted)
        .put("hand_raised_at", handRaisedAt > 0 ? handRaisedAt : null).put("reconnecting", held());
  }

  static JsonObject trackJson(TrackInfo t) {
    return new JsonObject().put("track_id", t.trackId()).put("participant_id", t.participantId())
        .put("kind", t.kind()).put("source", t.source()).put("muted", t.muted());
  }
}
