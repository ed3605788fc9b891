package io.confero.signaling;

import io.confero.codecs.Addresses;
import io.confero.codecs.meeting.MeetingEvent;
import io.confero.codecs.sfu.SfuEvent;
import io.confero.config.ConferoConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
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

  /** Close status telling a client the server restarts: reconnect (with backoff), the seat is held. */
  static final short SERVICE_RESTART = 1012;

  /** Close status of a socket that reached a node which is not its meeting's home (HTTP's 421 Misdirected). */
  static final short WRONG_NODE = 4421;

  /** How often publishers hear about changed video constraints (joins, leaves, new tracks). */
  static final long QUALITY_PERIOD_MILLIS = 500;

  private final ConferoConfig.Signaling config;
  private final SignalingComponents c;
  private final Rooms rooms;
  private final Rooms.Listener roomEvents = new Rooms.Listener() {
    @Override
    public void opened(String meetingId) {
      SignalingVerticle.this.opened(meetingId);
    }

    @Override
    public void closed(String meetingId) {
      SignalingVerticle.this.closed(meetingId);
    }
  };
  private final Map<String, MessageConsumer<MeetingEvent>> meetingConsumers = new HashMap<>();
  private final LiveState live;
  private final RecordingControls recordingControls;
  private HttpServer server;
  private Failures failures;
  private Messages messages;
  private Departures departures;
  private SfuEvents sfuEvents;
  private Social social;
  private E2eeRelay e2ee;
  private ClusterRelay cluster;
  private long sweepTimer;
  /** Set by {@link #drain}: new sockets are turned away (1012), the node is going down. */
  private boolean draining;

  public SignalingVerticle(ConferoConfig.Signaling config, SignalingComponents components) {
    this.config = config;
    this.c = components;
    this.rooms = new Rooms(roomEvents, new ParticipantBatches(config.batchAbove()));
    this.live = new LiveState(components.directory(), components.events());
    this.recordingControls = new RecordingControls(rooms, components.recordings(), components.meetings());
  }

  @Override
  public Future<?> start() {
    failures = new Failures(c.registry());
    SfuClient sfu = new SfuClient(vertx.eventBus(), c.nodeId());
    Subscriptions subscriptions = new Subscriptions(sfu, rooms, failures);
    cluster = new ClusterRelay(vertx.eventBus(), c.nodeId(), c.cascade(), rooms);
    cluster.subscriptions(subscriptions);
    rooms.relayTo(cluster);
    Reconnects reconnects = new Reconnects(rooms, live, sfu, subscriptions, config.reconnectGrace(), c.clock());
    departures = new Departures(rooms, live, reconnects);
    sfuEvents = new SfuEvents(rooms, departures);
    social = new Social(live, rooms, c.chat(), c.clock());
    Publishing publishing = new Publishing(sfu, live, rooms, subscriptions);
    JoinFlow joins = new JoinFlow(new JoinFlow.Stores(c.meetings(), c.chat(), c.clock()), live, rooms, departures,
        subscriptions, new JoinFlow.Extras(sfuEvents, recordingControls, reconnects), failures);
    HostControls host = new HostControls(live, rooms, departures, publishing, joins, c.meetings(), this::publishEnded,
        failures);
    VideoQuality quality = new VideoQuality(rooms, sfu);
    e2ee = new E2eeRelay(rooms, c.clock());
    messages = new Messages(new Messages.Handlers(joins, host, social, recordingControls, publishing, subscriptions,
        quality, departures, e2ee), c.clock());
    sweepTimer = vertx.setPeriodic(Reconnects.SWEEP_MS, id -> reconnects.sweep());
    vertx.setPeriodic(QUALITY_PERIOD_MILLIS, id -> quality.recomputeAll());
    vertx.setPeriodic(config.batchInterval().toMillis(), id -> rooms.flushBatches());
    MessageConsumer<SfuEvent> events = vertx.eventBus().consumer(Addresses.sfuEvents(c.nodeId()),
        msg -> sfuEvents.handle(msg.body()));
    // the transport accepts up to 4x the limit so that an oversized frame gets our own
    // `too-large` error and close code instead of a silent connection reset
    // a peer that ignores our close frame loses its TCP connection after 2 s (Vert.x waits 10 s by default)
    server = vertx.createHttpServer(new HttpServerOptions().setWebSocketClosingTimeout(2)
        .setMaxWebSocketFrameSize(4 * MAX_FRAME)
        .setMaxWebSocketMessageSize(4 * MAX_FRAME).setRegisterWebSocketWriteHandlers(false));
    server.webSocketHandler(this::onSocket);
    server.requestHandler(req -> req.response().setStatusCode(404).end());
    return Future.join(events.completion(), server.listen(config.port(), config.host()));
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
    ws.binaryMessageHandler(b -> failures.report(conn, new SignalingError("bad-message", "frames must be JSON text"), null));
    ws.exceptionHandler(e -> LOG.debug("websocket error", e));
    // a normal closure (1000) is a deliberate leave; anything else (a reload's 1001, a dropped
    // network) holds the participant for the reconnect grace
    ws.closeHandler(v -> departures.closed(conn, "disconnected", !Short.valueOf((short) 1000).equals(ws.closeStatusCode())));
    ws.resume();
  }

  private void onFrame(Connection conn, String text) {
    if (conn.closed()) {
      return; // removed, replaced or ended: nothing from this socket counts any more, close handshake or not
    }
    if (text.length() > MAX_FRAME) {
      failures.report(conn, new SignalingError("too-large", "frames are limited to 64 KiB"), null);
      departures.disconnect(conn, (short) 1009, "too large");
      return;
    }
    if (!conn.allowFrame()) {
      failures.report(conn, new SignalingError("rate-limited", "more than " + Connection.MAX_FRAMES_PER_SECOND
          + " frames per second"), null);
      return;
    }
    JsonObject msg;
    try {
      msg = new JsonObject(text);
    } catch (RuntimeException e) {
      failures.report(conn, new SignalingError("bad-message", "a frame must be one JSON object"), null);
      return;
    }
    Object idv = msg.getValue("id");
    String ref = idv instanceof String s && s.length() <= 64 ? s : null;
    conn.chain = conn.chain.transform(x -> {
      if (conn.closed()) {
        return Future.succeededFuture(); // queued before the connection ended: dropped with it
      }
      try {
        return messages.handle(conn, msg).onFailure(e -> failures.report(conn, e, ref));
      } catch (RuntimeException e) {
        failures.report(conn, e, ref);
        return Future.succeededFuture();
      }
    });
  }

  /** A room opened on this node: hear its meeting's events, learn whether it is being recorded. */
  private void opened(String meetingId) {
    MessageConsumer<MeetingEvent> mc = vertx.eventBus().consumer(Addresses.meetingEvents(meetingId), this::onMeetingEvent);
    meetingConsumers.put(meetingId, mc);
    mc.completion().onSuccess(v -> cluster.opened(meetingId));
    recordingControls.opened(meetingId);
  }

  /** The last connection of a meeting on this node went: its per-meeting state goes. */
  private void closed(String meetingId) {
    sfuEvents.forget(meetingId);
    recordingControls.closed(meetingId);
    social.forget(meetingId);
    e2ee.forget(meetingId);
    MessageConsumer<?> mc = meetingConsumers.remove(meetingId);
    if (mc != null) {
      mc.unregister();
    }
  }

  /** Tells every node's signaling plane that the meeting ended (the same event REST end publishes). */
  private void publishEnded(String meetingId, String reason) {
    c.homes().release(new io.confero.meeting.MeetingId(meetingId))
        .onFailure(e -> LOG.warn("forgetting the home of meeting {} failed", meetingId, e));
    vertx.eventBus().publish(Addresses.meetingEvents(meetingId), new MeetingEvent.Ended(meetingId, reason));
  }

  private void onMeetingEvent(Message<MeetingEvent> msg) {
    if (msg.body() instanceof MeetingEvent.RecordingChanged r) {
      recordingControls.changed(r);
      return;
    }
    if (msg.body() instanceof MeetingEvent.Relayed r) {
      cluster.onRelayed(r);
      return;
    }
    if (msg.body() instanceof MeetingEvent.RosterWanted w) {
      cluster.onRosterWanted(w);
      return;
    }
    MeetingEvent.Ended ended = (MeetingEvent.Ended) msg.body();
    for (Connection conn : rooms.connections(ended.meetingId())) {
      conn.send(new JsonObject().put("type", "meeting_ended").put("reason", ended.reason()));
      departures.disconnect(conn, (short) 4410, "meeting ended");
    }
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
      rooms.all().filter(conn -> !conn.ws.isClosed()).forEach(conn -> conn.ws.close(SERVICE_RESTART, "server restarting"));
      long deadline = System.nanoTime() + timeout.toNanos();
      vertx.setPeriodic(20, id -> {
        boolean open = rooms.all().anyMatch(cn -> !cn.ws.isClosed());
        if ((!open && live.pendingAppends() == 0) || System.nanoTime() > deadline) {
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
