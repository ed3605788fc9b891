package io.confero.signaling;

import io.confero.codecs.Addresses;
import io.confero.codecs.meeting.MeetingEvent;
import io.confero.codecs.sfu.SfuEvent;
import io.confero.codecs.sfu.SfuRequest;
import io.confero.config.ConferoConfig;
import io.confero.meeting.MeetingMutation;
import io.confero.meeting.MeetingMutations;
import io.confero.meeting.ShareMutations;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signaling plane: one WebSocket per participant ({@code /ws?token=...}), the versioned JSON
 * protocol of docs/protocol.md, live state in the {@code MeetingDirectory}, media set up by
 * requests to the meeting's SFU worker over the event bus.
 */
public final class SignalingVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(SignalingVerticle.class);
  static final int MAX_FRAME = 64 * 1024;

  private final ConferoConfig.Signaling config;
  private final SignalingComponents c;
  private final RecordingControls recordingControls;
  /** meeting id → participant id → connection, for participants connected to this node. */
  private final Map<String, Map<String, Connection>> meetings = new HashMap<>();
  private final Map<String, MessageConsumer<MeetingEvent>> meetingConsumers = new HashMap<>();
  /** meeting id → the participant the SFU last named the active speaker, for those who join later. */
  private final Map<String, String> activeSpeakers = new HashMap<>();
  private HttpServer server;
  private Counter errors;
  private Messages messages;
  private Reconnects reconnects;
  private long sweepTimer;
  /** Set by {@link #drain}: new sockets are turned away (1012), the node is going down. */
  private boolean draining;
  /** Event-log appends not finished yet ({@link #drain} waits for them before the pool closes). */
  private int pendingAppends;

  /** Close status telling a client the server restarts: reconnect (with backoff), the seat is held. */
  static final short SERVICE_RESTART = 1012;

  /** Close status of a socket that reached a node which is not its meeting's home (HTTP's 421 Misdirected). */
  static final short WRONG_NODE = 4421;

  /** How often publishers hear about changed video constraints (joins, leaves, new tracks). */
  static final long QUALITY_PERIOD_MILLIS = 500;

  public SignalingVerticle(ConferoConfig.Signaling config, SignalingComponents components) {
    this.config = config;
    this.c = components;
    this.recordingControls = new RecordingControls(this, components.recordings());
  }

  @Override
  public Future<?> start() {
    errors = Counter.builder("confero.signaling.errors").description("Refused signaling frames").register(c.registry());
    messages = new Messages(this);
    reconnects = new Reconnects(this, config.reconnectGrace(), c.clock());
    sweepTimer = vertx.setPeriodic(Reconnects.SWEEP_MS, id -> reconnects.sweep());
    vertx.setPeriodic(QUALITY_PERIOD_MILLIS, id -> messages.quality.recomputeAll());
    MessageConsumer<SfuEvent> sfuEvents = vertx.eventBus().consumer(Addresses.sfuEvents(c.nodeId()), this::onSfuEvent);
    // the transport accepts up to 4x the limit so that an oversized frame gets our own
    // `too-large` error and close code instead of a silent connection reset
    // a peer that ignores our close frame loses its TCP connection after 2 s (Vert.x waits 10 s by default)
    server = vertx.createHttpServer(new HttpServerOptions().setWebSocketClosingTimeout(2)
        .setMaxWebSocketFrameSize(4 * MAX_FRAME)
        .setMaxWebSocketMessageSize(4 * MAX_FRAME).setRegisterWebSocketWriteHandlers(false));
    server.webSocketHandler(this::onSocket);
    server.requestHandler(req -> req.response().setStatusCode(404).end());
    return Future.join(sfuEvents.completion(), server.listen(config.port(), config.host()));
  }

  public int actualPort() {
    return server.actualPort();
  }

  private void onSocket(ServerWebSocket ws) {
    if (draining) {
      ws.close(SERVICE_RESTART, "server restarting");
      return;
    }
    if (!"/ws".equals(ws.path())) {
      ws.close((short) 4404, "not found");
      return;
    }
    String token = new io.netty.handler.codec.http.QueryStringDecoder(ws.uri()).parameters()
        .getOrDefault("token", java.util.List.of()).stream().findFirst().orElse(null);
    ws.pause();
    c.tokens().verifySession(token).onComplete(ar -> {
      if (ar.failed()) {
        ws.writeTextMessage(new JsonObject().put("type", "error").put("code", "unauthorized")
            .put("message", "a valid session token is required").encode());
        ws.close((short) 4401, "unauthorized");
        return;
      }
      c.homes().claim(ar.result().meeting()).onComplete(home -> {
        if (home.succeeded() && !home.result().local()) {
          ws.writeTextMessage(new JsonObject().put("type", "error").put("code", "wrong-node")
              .put("message", "this meeting is served by another node").put("url", home.result().url()).encode());
          ws.close(WRONG_NODE, "wrong node");
          return;
        }
        accept(ws, ar.result());
      });
    });
  }

  /** A socket with a valid token on the meeting's home node: frames flow from now on. */
  private void accept(ServerWebSocket ws, io.confero.api.TokenService.SessionPrincipal principal) {
    Connection conn = new Connection(ws, principal, System::currentTimeMillis);
    ws.textMessageHandler(text -> onFrame(conn, text));
    ws.binaryMessageHandler(b -> fail(conn, new SignalingError("bad-message", "frames must be JSON text"), null));
    ws.exceptionHandler(e -> LOG.debug("websocket error", e));
    // a normal closure (1000) is a deliberate leave; anything else (a reload's 1001, a dropped
    // network) holds the participant for the reconnect grace
    ws.closeHandler(v -> onClosed(conn, "disconnected", !Short.valueOf((short) 1000).equals(ws.closeStatusCode())));
    ws.resume();
  }

  private void onFrame(Connection conn, String text) {
    if (conn.closed) {
      return; // removed, replaced or ended: nothing from this socket counts any more, close handshake or not
    }
    if (text.length() > MAX_FRAME) {
      fail(conn, new SignalingError("too-large", "frames are limited to 64 KiB"), null);
      disconnect(conn, (short) 1009, "too large");
      return;
    }
    if (!conn.allowFrame()) {
      fail(conn, new SignalingError("rate-limited", "more than " + Connection.MAX_FRAMES_PER_SECOND
          + " frames per second"), null);
      return;
    }
    JsonObject msg;
    try {
      msg = new JsonObject(text);
    } catch (RuntimeException e) {
      fail(conn, new SignalingError("bad-message", "a frame must be one JSON object"), null);
      return;
    }
    Object idv = msg.getValue("id");
    String ref = idv instanceof String s && s.length() <= 64 ? s : null;
    conn.chain = conn.chain.transform(x -> {
      if (conn.closed) {
        return Future.succeededFuture(); // queued before the connection ended: dropped with it
      }
      try {
        return messages.handle(conn, msg).onFailure(e -> fail(conn, e, ref));
      } catch (RuntimeException e) {
        fail(conn, e, ref);
        return Future.succeededFuture();
      }
    });
  }

  void fail(Connection conn, Throwable e, String ref) {
    errors.increment();
    if (e instanceof SignalingError se) {
      conn.error(se.code, se.getMessage(), ref);
    } else if (e instanceof ReplyException re && re.failureCode() == 400) {
      conn.error("bad-sdp", re.getMessage(), ref);
    } else {
      LOG.warn("signaling failure for participant {}", conn.participantId(), e);
      conn.error("internal", "the server failed to handle this message", ref);
    }
  }

  // ---- state shared with Messages ----

  Map<String, Connection> room(String meetingId) {
    return meetings.computeIfAbsent(meetingId, id -> {
      meetingConsumers.put(id, vertx.eventBus().consumer(Addresses.meetingEvents(id), this::onMeetingEvent));
      recordingControls.opened(id);
      return new LinkedHashMap<>();
    });
  }

  RecordingControls recordingControls() {
    return recordingControls;
  }

  Messages messages() {
    return messages;
  }

  Reconnects reconnects() {
    return reconnects;
  }

  SignalingComponents components() {
    return c;
  }

  <T> Future<T> sfu(SfuRequest request) {
    // the node's SFU dispatcher places the participant on a worker (SfuDispatchVerticle)
    return vertx.eventBus().<T>request(Addresses.sfuNode(c.nodeId()), request).map(Message::body);
  }

  Future<MeetingMutation.Outcome> mutate(Connection conn, MeetingMutation m) {
    return c.directory().apply(conn.principal.meeting(), m).compose(out -> {
      if (out.accepted() && out.eventType() != null) {
        pendingAppends++;
        c.events().append(conn.principal.meeting(), out.state(), out.eventType(), out.eventPayload())
            .onComplete(x -> pendingAppends--)
            .onFailure(e -> LOG.error("event log append failed: {} at epoch {} of meeting {} is lost", out.eventType(),
                out.state().epoch(), conn.meetingId(), e));
      }
      return Future.succeededFuture(out);
    });
  }

  /**
   * Applies a mutation and fails with a {@link SignalingError} carrying the stable code when the
   * live state refuses it (nothing changed then).
   */
  Future<MeetingMutation.Outcome> mutateOrFail(Connection conn, MeetingMutation m) {
    return mutate(conn, m).compose(out -> out.accepted() ? Future.succeededFuture(out)
        : Future.failedFuture(refusal(out.errorCode())));
  }

  static SignalingError refusal(String code) {
    return switch (code) {
      case MeetingMutations.FORBIDDEN -> new SignalingError("forbidden", "only a host may do this");
      case MeetingMutations.NO_PARTICIPANT -> new SignalingError("no-such-participant",
          "no such participant in this meeting (or not in a state this action applies to)");
      case MeetingMutations.ENDED, MeetingMutations.NOT_FOUND -> new SignalingError("meeting-ended",
          "the meeting has ended");
      case ShareMutations.SHARE_IN_PROGRESS -> new SignalingError("share-in-progress",
          "someone else is sharing their screen; a host can allow several people to share at once");
      default -> new SignalingError("bad-message", "refused: " + code);
    };
  }

  /** The connection of a participant connected to this node, or null. */
  Connection connection(String meetingId, String participantId) {
    Map<String, Connection> room = meetings.get(meetingId);
    return room == null ? null : room.get(participantId);
  }

  /** The meetings with a connection on this node. */
  java.util.List<String> meetingIds() {
    return java.util.List.copyOf(meetings.keySet());
  }

  /** Every connection (joined or waiting) of a meeting on this node. */
  java.util.List<Connection> connections(String meetingId) {
    Map<String, Connection> room = meetings.get(meetingId);
    return room == null ? java.util.List.of() : java.util.List.copyOf(room.values());
  }

  /** Tells every node's signaling plane that the meeting ended (the same event REST end publishes). */
  void publishEnded(String meetingId, String reason) {
    c.homes().release(new io.confero.meeting.MeetingId(meetingId))
        .onFailure(e -> LOG.warn("forgetting the home of meeting {} failed", meetingId, e));
    vertx.eventBus().publish(Addresses.meetingEvents(meetingId), new MeetingEvent.Ended(meetingId, reason));
  }

  /** Sends to the joined hosts and co-hosts of a meeting on this node. */
  void broadcastModerators(String meetingId, JsonObject msg) {
    Map<String, Connection> room = meetings.get(meetingId);
    if (room != null) {
      room.values().stream().filter(x -> x.joined && x.role.canModerate()).forEach(x -> x.send(msg));
    }
  }

  void broadcast(String meetingId, JsonObject msg, Connection except) {
    Map<String, Connection> room = meetings.get(meetingId);
    if (room != null) {
      room.values().stream().filter(x -> x != except && x.joined).forEach(x -> x.send(msg));
    }
  }

  /** Renegotiates the subscriber connection of every joined participant of a meeting but {@code except}. */
  void renegotiateAll(String meetingId, Connection except) {
    Map<String, Connection> room = meetings.get(meetingId);
    if (room != null) {
      room.values().stream().filter(x -> x != except && x.joined).forEach(messages::renegotiate);
    }
  }

  /**
   * A connection ended: a joined participant whose socket dropped ({@code hold}) is held for the
   * reconnect grace; everyone else leaves now.
   */
  private void onClosed(Connection conn, String reason, boolean hold) {
    if (conn.closed) {
      return;
    }
    conn.closed = true;
    Map<String, Connection> room = meetings.get(conn.meetingId());
    if (room == null || room.get(conn.participantId()) != conn) {
      return;
    }
    if (hold && conn.joined && reconnects.enabled()) {
      reconnects.hold(conn);
      return;
    }
    forget(conn);
    if (conn.waiting) {
      mutate(conn, new MeetingMutations.Leave(conn.principal.participant(), reason));
      broadcastModerators(conn.meetingId(), new JsonObject().put("type", "knock_resolved")
          .put("participant_id", conn.participantId()).put("outcome", "left"));
      return;
    }
    if (!conn.joined) {
      return;
    }
    reconnects.releaseMedia(conn);
    mutate(conn, new MeetingMutations.Leave(conn.principal.participant(), reason));
    broadcast(conn.meetingId(), new JsonObject().put("type", "participant_left")
        .put("participant_id", conn.participantId()).put("reason", reason), conn);
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
      activeSpeakers.remove(conn.meetingId());
      recordingControls.closed(conn.meetingId());
      messages.forgetMeeting(conn.meetingId());
      MessageConsumer<?> mc = meetingConsumers.remove(conn.meetingId());
      if (mc != null) {
        mc.unregister();
      }
    }
    return true;
  }

  /**
   * Closes a connection from the server side, with the leave bookkeeping. A participant held for
   * the reconnect grace leaves now (removed, meeting ended); one whose media was lost is held.
   */
  void disconnect(Connection conn, short code, String reason) {
    if (conn.held) {
      reconnects.end(conn, reason);
      return;
    }
    onClosed(conn, reason, "media lost".equals(reason));
    if (!conn.ws.isClosed()) {
      conn.ws.close(code, reason);
    }
  }

  private void onSfuEvent(Message<SfuEvent> msg) {
    if (msg.body() instanceof SfuEvent.ActiveSpeaker speaker) {
      if (meetings.containsKey(speaker.meetingId())) {
        activeSpeakers.put(speaker.meetingId(), speaker.participantId());
        broadcast(speaker.meetingId(), activeSpeakerMessage(speaker.participantId()), null);
      }
    } else if (msg.body() instanceof SfuEvent.EncodingsActive e) {
      Connection publisher = connection(e.meetingId(), e.participantId());
      if (publisher != null && publisher.joined && !publisher.held) {
        publisher.send(new JsonObject().put("type", "encodings").put("track_id", e.trackId())
            .put("active", new JsonArray(new ArrayList<Object>(e.active()))));
      }
    } else if (msg.body() instanceof SfuEvent.TransportDown down) {
      Map<String, Connection> room = meetings.get(down.meetingId());
      Connection conn = room == null ? null : room.get(down.participantId());
      if (conn != null && !conn.held) {
        conn.error("media-lost", "media connection lost: " + down.reason(), null);
        disconnect(conn, (short) 4408, "media lost");
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

  private static JsonObject activeSpeakerMessage(String participantId) {
    return new JsonObject().put("type", "active_speaker").put("participant_id", participantId);
  }

  private void onMeetingEvent(Message<MeetingEvent> msg) {
    if (msg.body() instanceof MeetingEvent.RecordingChanged r) {
      recordingControls.changed(r);
      return;
    }
    MeetingEvent.Ended ended = (MeetingEvent.Ended) msg.body();
    Map<String, Connection> room = meetings.get(ended.meetingId());
    if (room == null) {
      return;
    }
    for (Connection conn : java.util.List.copyOf(room.values())) {
      conn.send(new JsonObject().put("type", "meeting_ended").put("reason", ended.reason()));
      disconnect(conn, (short) 4410, "meeting ended");
    }
  }

  static JsonArray array(Iterable<JsonObject> items) {
    JsonArray a = new JsonArray();
    items.forEach(a::add);
    return a;
  }

  /**
   * The node is going down: turns new sockets away and closes every socket with 1012 (service
   * restart), so clients reconnect by themselves (here once it is back, or on another node) while
   * their seats are held for the reconnect grace; completes once the sockets are closed and the
   * event log has every hold (at most {@code timeout}), so the pool may close after it.
   */
  public Future<Void> drain(java.time.Duration timeout) {
    io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
    context.runOnContext(x -> {
      draining = true;
      meetings.values().stream().flatMap(room -> java.util.List.copyOf(room.values()).stream())
          .filter(conn -> !conn.ws.isClosed()).forEach(conn -> conn.ws.close(SERVICE_RESTART, "server restarting"));
      long deadline = System.nanoTime() + timeout.toNanos();
      vertx.setPeriodic(20, id -> {
        boolean open = meetings.values().stream().anyMatch(room -> room.values().stream().anyMatch(cn -> !cn.ws.isClosed()));
        if ((!open && pendingAppends == 0) || System.nanoTime() > deadline) {
          vertx.cancelTimer(id);
          done.tryComplete();
        }
      });
    });
    return done.future();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(sweepTimer);
    return server.close();
  }
}
