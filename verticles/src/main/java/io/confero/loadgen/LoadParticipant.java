package io.confero.loadgen;

import io.confero.media.sdp.SdpParseException;
import io.confero.media.sdp.SdpParser;
import io.confero.media.sdp.SessionDescription;
import io.confero.sfu.dtls.DtlsCertificate;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One synthetic meeting participant that speaks Confero's real protocols end to end, as a browser
 * does: REST join by the meeting's link code, the signaling WebSocket ({@code docs/protocol.md}),
 * and two peer connections to the SFU (ICE, DTLS-SRTP) on which it publishes a looped pre-encoded
 * camera (VP8) and microphone (Opus) and receives everyone else's. It never encodes or decodes, so
 * a small machine can run many of them; what it received is counted per track
 * ({@link TrackReception}). Used by the six-party end-to-end test and the {@link LoadGen} tool.
 */
public final class LoadParticipant implements AutoCloseable {
  /** RTP payload bytes per packet, as libwebrtc keeps packets under a 1200-byte MTU. */
  static final int MAX_PAYLOAD = 1100;

  private final String name;
  private final LoadContext ctx;
  private final ExecutorService signalingThread;
  private final RemoteTracks remoteTracks = new RemoteTracks();
  private final CompletableFuture<Void> publishing = new CompletableFuture<>();
  private final ClientTransport.IceParams publisherIce = ClientTransport.IceParams.random();
  private final ClientTransport.IceParams subscriberIce = ClientTransport.IceParams.random();
  private final boolean audioOnly;
  /** Large meetings: audio slot mid → the participant it carries now ("" silent), from {@code audio_slots}. */
  private final Map<String, String> audioSlots = new ConcurrentHashMap<>();
  /** System.nanoTime() when an audio_slots message last changed {@link #audioSlots}. */
  private volatile long audioSlotsChangedNanos;
  private final ClipPublisher media;
  private volatile WebSocket ws;
  private volatile String participantId;
  private volatile String failure;
  private volatile boolean closing;
  private ClientTransport publisher;
  private ClientTransport subscriber;
  private ScheduledFuture<?> pingTimer;

  /** Shared by all participants of one run: HTTP client, DTLS certificate and worker threads. */
  public record LoadContext(HttpClient http, DtlsCertificate certificate, ExecutorService dtlsExecutor,
      java.util.concurrent.ScheduledExecutorService timers) implements AutoCloseable {
    public static LoadContext create() {
      java.util.concurrent.ThreadFactory daemons = r -> {
        Thread t = new Thread(r, "loadgen-worker");
        t.setDaemon(true);
        return t;
      };
      return new LoadContext(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10)).build(), DtlsCertificate.generate(),
          Executors.newCachedThreadPool(daemons), Executors.newScheduledThreadPool(2, daemons));
    }

    @Override
    public void close() {
      dtlsExecutor.shutdownNow();
      timers.shutdownNow();
    }
  }

  public LoadParticipant(String name, LoadContext ctx, MediaClip clip) {
    this(name, ctx, clip, false);
  }

  /** {@code audioOnly}: publishes a microphone and no camera (large audio meetings, webinars' speakers). */
  public LoadParticipant(String name, LoadContext ctx, MediaClip clip, boolean audioOnly) {
    this.audioOnly = audioOnly;
    this.name = name;
    this.ctx = ctx;
    this.signalingThread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "loadgen-signaling-" + name);
      t.setDaemon(true);
      return t;
    });
    this.media = new ClipPublisher(clip, audioOnly);
  }

  /**
   * Joins the meeting behind {@code baseUrl}/j/{@code joinCode} and starts publishing; the future
   * completes once both its camera and microphone flow to the SFU (or fails with the reason).
   */
  public CompletableFuture<Void> join(String baseUrl, String joinCode) {
    try {
      HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl + "/j/" + joinCode + "/join"))
          .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
          .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("display_name", name).encode())).build();
      HttpResponse<String> resp = ctx.http().send(req, HttpResponse.BodyHandlers.ofString());
      if (resp.statusCode() != 200 && resp.statusCode() != 201) {
        throw new IOException("join answered " + resp.statusCode() + ": " + resp.body());
      }
      JsonObject body = new JsonObject(resp.body());
      String url = body.getJsonObject("media_server").getString("url") + "?token="
          + URLEncoder.encode(body.getString("session_token"), StandardCharsets.UTF_8);
      ws = ctx.http().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
          .buildAsync(URI.create(url), new Frames()).get(30, TimeUnit.SECONDS);
      send(new JsonObject().put("type", "join").put("v", 1));
      pingTimer = ctx.timers().scheduleAtFixedRate(() -> send(new JsonObject().put("type", "ping")), 10, 10, TimeUnit.SECONDS);
    } catch (Exception e) {
      publishing.completeExceptionally(e);
    }
    return publishing;
  }

  public String name() {
    return name;
  }

  /** Our participant id once joined, else null. */
  public String participantId() {
    return participantId;
  }

  /** Why this participant stopped working, or null. */
  public String failure() {
    return failure;
  }

  /** What we received of each remote track, keyed by track id. */
  public Map<String, TrackReception.Snapshot> received() {
    return remoteTracks.snapshot();
  }

  /** SRTP packets that failed authentication on our receiving transport. */
  public long decryptFailures() {
    ClientTransport s = subscriber;
    return s == null ? 0 : s.decryptFailures();
  }

  /** Speaks at {@code minusDbov} (RFC 6464: 0 loudest … 127 silence) from the next audio packet on. */
  public void setAudioLevel(int minusDbov) {
    media.setAudioLevel(minusDbov);
  }

  /**
   * Reports every remote video as shown {@code height} pixels high from now on (0: shows none, as a
   * browser whose tiles are all off screen; the SFU then forwards it no video), as each track arrives.
   */
  public void showVideoAt(int height) {
    remoteTracks.showVideoAt(height);
  }

  /** Large meetings: which participant each of our audio slots (by mid) carries now ("" while silent). */
  public Map<String, String> audioSlots() {
    return Map.copyOf(audioSlots);
  }

  /** {@link System#nanoTime()} when the last {@code audio_slots} arrived (0: none yet). */
  public long audioSlotsChangedNanos() {
    return audioSlotsChangedNanos;
  }

  /** Packets we sent: audio and video RTP. */
  public long sentPackets() {
    return media.sentPackets();
  }

  private void send(JsonObject frame) {
    WebSocket w = ws;
    if (w == null) {
      return;
    }
    synchronized (this) {
      try {
        w.sendText(frame.encode(), true).get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        fail("signaling send failed: " + e.getMessage());
      }
    }
  }

  private void onFrame(JsonObject msg) {
    try {
      switch (msg.getString("type", "")) {
        case "joined" -> onJoined(msg);
        case "publish_answer" -> onPublishAnswer(msg);
        case "subscribe_offer" -> onSubscribeOffer(msg);
        case "audio_slots" -> onAudioSlots(msg);
        case "error" -> fail("server error " + msg.getString("code") + ": " + msg.getString("message"));
        case "meeting_ended", "removed", "denied" -> fail("left the meeting: " + msg.getString("type"));
        default -> { }
      }
    } catch (Exception e) {
      fail(msg.getString("type") + " handling failed: " + e);
    }
  }

  private void onJoined(JsonObject msg) {
    participantId = msg.getJsonObject("self").getString("participant_id");
    String offer = SdpTemplates.publishOffer(publisherIce, ctx.certificate().fingerprintSha256(),
        Integer.toHexString(media.videoSsrc()), media.audioSsrc(), audioOnly ? null : media.videoSsrc());
    JsonObject sources = new JsonObject().put("0", "microphone");
    if (!audioOnly) {
      sources.put("1", "camera");
    }
    send(new JsonObject().put("type", "publish").put("id", "pub-1").put("sdp", offer).put("sources", sources));
  }

  private void onPublishAnswer(JsonObject msg) throws SdpParseException, IOException {
    if (publisher != null) {
      return;
    }
    SdpTemplates.Remote remote = SdpTemplates.remote(SdpParser.parse(msg.getString("sdp")));
    publisher = new ClientTransport(remote.address(), publisherIce, remote.ice(), ctx.certificate(),
        remote.fingerprint(), ctx.dtlsExecutor(), ctx.timers(), new TransportEvents("publisher") {
          @Override
          public void onConnected() {
            media.start(publisher, ctx.timers());
            publishing.complete(null);
          }

          @Override
          public void onRtcp(byte[] buf, int off, int len) {
            media.onRtcp(buf, off, len);
          }
        });
    publisher.start(name + "-pub");
  }

  private void onSubscribeOffer(JsonObject msg) throws SdpParseException, IOException {
    SessionDescription offer = SdpParser.parse(msg.getString("sdp"));
    JsonArray shown = remoteTracks.map(offer, msg.getJsonArray("tracks", new JsonArray()));
    if (!shown.isEmpty()) { // one frame for all: a 49-camera offer must not trip the socket's frame limit
      send(new JsonObject().put("type", "video_quality").put("tracks", shown));
    }
    send(new JsonObject().put("type", "subscribe_answer")
        .put("sdp", SdpTemplates.subscribeAnswer(offer, subscriberIce, ctx.certificate().fingerprintSha256())));
    if (subscriber == null) {
      SdpTemplates.Remote remote = SdpTemplates.remote(offer);
      subscriber = new ClientTransport(remote.address(), subscriberIce, remote.ice(), ctx.certificate(),
          remote.fingerprint(), ctx.dtlsExecutor(), ctx.timers(), new TransportEvents("subscriber") {
            @Override
            public void onRtp(byte[] buf, int off, int len) {
              remoteTracks.onRtp(buf, off, len);
            }
          });
      subscriber.start(name + "-sub");
    }
  }

  private void onAudioSlots(JsonObject msg) {
    long now = System.nanoTime();
    JsonArray slots = msg.getJsonArray("slots", new JsonArray());
    for (int i = 0; i < slots.size(); i++) {
      JsonObject slot = slots.getJsonObject(i);
      audioSlots.put(slot.getString("mid"), slot.getString("participant_id") == null ? "" : slot.getString("participant_id"));
    }
    audioSlotsChangedNanos = now;
  }

  private void fail(String reason) {
    if (closing) {
      return;
    }
    if (failure == null) {
      failure = reason;
    }
    publishing.completeExceptionally(new IllegalStateException(name + ": " + reason));
  }

  /** Leaves the meeting (signaling {@code leave}) and frees both transports. */
  @Override
  public void close() {
    closing = true;
    media.stop();
    if (pingTimer != null) {
      pingTimer.cancel(false);
    }
    WebSocket w = ws;
    if (w != null) {
      send(new JsonObject().put("type", "leave"));
      w.abort();
    }
    signalingThread.submit(() -> {
      if (publisher != null) {
        publisher.close();
      }
      if (subscriber != null) {
        subscriber.close();
      }
    });
    signalingThread.shutdown();
    try {
      signalingThread.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Default transport callbacks: failures end the participant, other packets are ignored. */
  private class TransportEvents implements ClientTransport.Listener {
    private final String which;

    TransportEvents(String which) {
      this.which = which;
    }

    @Override
    public void onConnected() {
    }

    @Override
    public void onFailed(String reason) {
      fail(which + " transport failed: " + reason);
    }

    @Override
    public void onRtp(byte[] buf, int off, int len) {
    }

    @Override
    public void onRtcp(byte[] buf, int off, int len) {
    }
  }

  /** Receives signaling frames (possibly in parts) and hands whole ones to the signaling thread. */
  private class Frames implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        JsonObject msg = new JsonObject(partial.toString());
        partial.setLength(0);
        signalingThread.execute(() -> onFrame(msg));
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      if (statusCode != WebSocket.NORMAL_CLOSURE) {
        fail("signaling closed " + statusCode + " " + reason);
      }
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      fail("signaling error: " + error);
    }
  }
}
