package io.confero.sfu;

import io.confero.codecs.Addresses;
import io.confero.codecs.sfu.SfuEvent;
import io.confero.media.sdp.LocalTransport;
import io.confero.sfu.dtls.DtlsCertificate;
import io.confero.sfu.ice.IceCredentials;
import io.confero.sfu.ice.IceUfragIndex;
import io.confero.sfu.metrics.SfuMetrics;
import io.confero.sfu.pipe.PipeNet;
import io.confero.sfu.router.AudioSlotConfig;
import io.confero.sfu.router.WorkerEnv;
import io.confero.sfu.transport.WebRtcTransport;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.IntSupplier;

/**
 * What one SFU worker offers the meeting routers it hosts ({@link WorkerEnv}): its transports
 * (registered for demultiplexing by ICE username and then by remote address), clock, timers,
 * randomness, events and pipes. Touched only from the worker's own event loop; the verticle keeps
 * only its lifecycle, socket and requests.
 */
final class WorkerServices implements WorkerEnv {

  /** Where the worker's media socket can be reached, as SDP announces it. */
  record Announced(String address, IntSupplier port) {
  }

  private final Vertx vertx;
  private final Context loop;
  private final String nodeId;
  private final SfuMetrics metrics;
  private final DtlsCertificate certificate;
  private final Executor dtlsPool;
  private final WebRtcTransport.Sender sender;
  private final Announced announced;
  private final AudioSlotConfig audioSlots;
  private final PipeNet pipes;
  private final SecureRandom random = new SecureRandom();
  private final IceUfragIndex<WebRtcTransport> byUfrag = new IceUfragIndex<>();
  private final Map<InetSocketAddress, WebRtcTransport> byAddress = new HashMap<>();
  private final Set<WebRtcTransport> transports = new HashSet<>();

  WorkerServices(Vertx vertx, Context loop, String nodeId, SfuMetrics metrics, DtlsCertificate certificate,
      Executor dtlsPool, WebRtcTransport.Sender sender, Announced announced, AudioSlotConfig audioSlots, PipeNet pipes) {
    this.vertx = vertx;
    this.loop = loop;
    this.nodeId = nodeId;
    this.metrics = metrics;
    this.certificate = certificate;
    this.dtlsPool = dtlsPool;
    this.sender = sender;
    this.announced = announced;
    this.audioSlots = audioSlots;
    this.pipes = pipes;
  }

  /** The transports registered by ICE username, for STUN binding requests. */
  IceUfragIndex<WebRtcTransport> byUfrag() {
    return byUfrag;
  }

  /** The transport whose ICE check last came from {@code from}, or null. */
  WebRtcTransport byAddress(InetSocketAddress from) {
    return byAddress.get(from);
  }

  /** A transport's ICE check succeeded from {@code from}: its media comes from there now. */
  void learned(InetSocketAddress from, WebRtcTransport t) {
    byAddress.put(from, t);
  }

  /** Closes every transport (the worker stops). */
  void closeAll() {
    List.copyOf(transports).forEach(WebRtcTransport::close);
    transports.clear();
    byAddress.clear();
  }

  @Override
  public WebRtcTransport newTransport(String participantId, boolean publisher, WebRtcTransport.Listener listener) {
    IceCredentials creds = IceCredentials.generate(random);
    WebRtcTransport t = new WebRtcTransport(participantId, publisher, creds, nowMillis(), certificate,
        loop, dtlsPool, sender, metrics, listener);
    byUfrag.register(creds.ufrag(), t);
    transports.add(t);
    return t;
  }

  @Override
  public void release(WebRtcTransport t) {
    byUfrag.unregister(t.localCredentials().ufrag());
    byAddress.values().removeIf(x -> x == t);
    transports.remove(t);
    t.close();
  }

  @Override
  public LocalTransport local(WebRtcTransport t) {
    return new LocalTransport(t.localCredentials().ufrag(), t.localCredentials().pwd(), t.fingerprint(),
        List.of(new LocalTransport.HostAddress(announced.address(), announced.port().getAsInt())));
  }

  @Override
  public void emit(SfuEvent event) {
    vertx.eventBus().publish(Addresses.sfuEvents(nodeId), event);
  }

  @Override
  public SfuMetrics metrics() {
    return metrics;
  }

  @Override
  public long nowMillis() {
    return System.nanoTime() / 1_000_000;
  }

  @Override
  public long nowMicros() {
    return System.nanoTime() / 1_000;
  }

  @Override
  public void after(long delayMillis, Runnable task) {
    vertx.setTimer(Math.max(1, delayMillis), id -> task.run());
  }

  @Override
  public int randomInt() {
    return random.nextInt();
  }

  @Override
  public AudioSlotConfig audioSlots() {
    return audioSlots;
  }

  @Override
  public PipeNet pipes() {
    return pipes;
  }
}
