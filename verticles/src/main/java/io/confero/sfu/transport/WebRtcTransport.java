package io.confero.sfu.transport;

import io.confero.media.rtcp.RtcpPacket;
import io.confero.media.rtp.RtpDemux;
import io.confero.media.srtp.SrtpKeys;
import io.confero.media.srtp.SrtpSession;
import io.confero.sfu.dtls.DtlsCertificate;
import io.confero.sfu.dtls.DtlsEndpoint;
import io.confero.sfu.dtls.DtlsOptions;
import io.confero.sfu.dtls.DtlsRole;
import io.confero.sfu.ice.IceCheckResult;
import io.confero.sfu.ice.IceCredentials;
import io.confero.sfu.ice.IceLiteAgent;
import io.confero.sfu.metrics.DropReason;
import io.confero.sfu.metrics.SfuMetrics;
import io.vertx.core.Context;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * One peer connection's transport on an SFU worker: ICE-lite (peer-reflexive remote address),
 * DTLS (handshake on a worker pool, never the event loop) and SRTP. Every method runs on the
 * worker's event loop; DTLS callbacks are brought back to it with {@link Context#runOnContext}.
 */
public final class WebRtcTransport {
  /** Room to leave after a packet for the SRTP/SRTCP tag and index. */
  public static final int SRTP_ROOM = 32;
  private static final int MAX_EARLY_DTLS = 16;

  /** Upward events, implemented by the owner (the meeting router). */
  public interface Listener {
    void onRtp(WebRtcTransport t, byte[] buf, int len, long nowNanos);

    void onRtcp(WebRtcTransport t, byte[] buf, int len, long nowNanos);

    void onConnected(WebRtcTransport t);

    void onDown(WebRtcTransport t, String reason);
  }

  /** Sends one datagram from the worker's socket. */
  public interface Sender {
    void send(byte[] buf, int len, InetSocketAddress to);
  }

  private final String participantId;
  private final boolean publisher;
  private final IceLiteAgent ice;
  private final DtlsCertificate certificate;
  private final Context context;
  private final Executor dtlsExecutor;
  private final Sender sender;
  private final SfuMetrics metrics;
  private final Listener listener;
  private final ArrayDeque<byte[]> earlyDtls = new ArrayDeque<>();
  private DtlsEndpoint dtls;
  private SrtpSession srtp;
  private boolean closed;
  private int transportSeq;

  public WebRtcTransport(String participantId, boolean publisher, IceCredentials credentials, long nowMillis,
      DtlsCertificate certificate, Context context, Executor dtlsExecutor, Sender sender, SfuMetrics metrics,
      Listener listener) {
    this.participantId = participantId;
    this.publisher = publisher;
    this.ice = new IceLiteAgent(credentials, nowMillis);
    this.certificate = certificate;
    this.context = context;
    this.dtlsExecutor = dtlsExecutor;
    this.sender = sender;
    this.metrics = metrics;
    this.listener = listener;
  }

  public String participantId() {
    return participantId;
  }

  public boolean isPublisher() {
    return publisher;
  }

  public IceCredentials localCredentials() {
    return ice.localCredentials();
  }

  public String fingerprint() {
    return certificate.fingerprintSha256();
  }

  public boolean isConnected() {
    return srtp != null && !closed;
  }

  public boolean isDtlsStarted() {
    return dtls != null;
  }

  /** Next transport-wide sequence number for packets we send on this transport. */
  public int nextTransportSeq() {
    transportSeq = (transportSeq + 1) & 0xFFFF;
    return transportSeq;
  }

  /** Handles a STUN datagram; returns true when {@code from} is now a valid remote address of this transport. */
  public boolean onStun(byte[] buf, int len, InetSocketAddress from, long nowMillis) {
    IceCheckResult r = ice.handleBindingRequest(buf, 0, len, from, nowMillis);
    if (r.hasResponse()) {
      sender.send(r.response(), r.response().length, from);
    }
    if (!r.isSuccess()) {
      metrics.drop(r.dropReason() != null ? r.dropReason() : DropReason.ICE_REJECTED);
      return false;
    }
    return true;
  }

  /** Starts DTLS once the peer's fingerprint is known (from its offer or answer). */
  public void startDtls(DtlsRole role, String remoteFingerprint) {
    if (dtls != null || closed) {
      return;
    }
    dtls = new DtlsEndpoint(role, certificate, remoteFingerprint, DtlsOptions.defaults(), this::sendDtls,
        dtlsExecutor, new DtlsEndpoint.Listener() {
          @Override
          public void onConnected(SrtpKeys keys) {
            SrtpSession session = role == DtlsRole.CLIENT ? SrtpSession.forDtlsClient(keys)
                : SrtpSession.forDtlsServer(keys);
            context.runOnContext(v -> connected(session));
          }

          @Override
          public void onFailed(String reason) {
            context.runOnContext(v -> down("dtls failed: " + reason));
          }

          @Override
          public void onClosed() {
            context.runOnContext(v -> down("dtls closed"));
          }
        });
    dtls.start();
    while (!earlyDtls.isEmpty()) {
      dtls.deliver(earlyDtls.poll());
    }
  }

  private void connected(SrtpSession session) {
    if (closed) {
      session.close();
      return;
    }
    srtp = session;
    listener.onConnected(this);
  }

  /** The stream on {@code ssrc} we sent ended for good: drop its SRTP state. */
  public void forgetOutboundSsrc(int ssrc) {
    if (srtp != null) {
      srtp.forgetOutbound(ssrc);
    }
  }

  private void sendDtls(byte[] datagram) {
    InetSocketAddress to = ice.selectedAddress();
    if (to != null) {
      sender.send(datagram, datagram.length, to);
    }
  }

  /** Handles a non-STUN datagram from this transport's remote address. */
  public void onDatagram(byte[] buf, int len, long nowNanos) {
    if (closed) {
      return;
    }
    if (RtpDemux.isDtls(buf, 0, len)) {
      byte[] copy = len == buf.length ? buf : java.util.Arrays.copyOf(buf, len);
      if (dtls != null) {
        dtls.deliver(copy);
      } else if (earlyDtls.size() < MAX_EARLY_DTLS) {
        earlyDtls.add(copy);
      } else {
        metrics.drop(DropReason.DTLS_NOT_READY);
      }
      return;
    }
    if (!RtpDemux.isRtpOrRtcp(buf, 0, len)) {
      metrics.drop(DropReason.NOT_WEBRTC);
      return;
    }
    if (srtp == null) {
      metrics.drop(DropReason.SRTP_NOT_READY);
      return;
    }
    if (RtpDemux.isRtcp(buf, 0, len)) {
      int n = srtp.unprotectRtcp(buf, 0, len);
      if (n < 0) {
        metrics.drop(DropReason.SRTP_FAILED);
        return;
      }
      listener.onRtcp(this, buf, n, nowNanos);
    } else {
      int n = srtp.unprotectRtp(buf, 0, len);
      if (n < 0) {
        metrics.drop(DropReason.SRTP_FAILED);
        return;
      }
      listener.onRtp(this, buf, n, nowNanos);
    }
  }

  /** Protects and sends an RTP packet; {@code buf} must have room for the SRTP tag after {@code len}. */
  public boolean sendRtp(byte[] buf, int len) {
    InetSocketAddress to = ice.selectedAddress();
    if (srtp == null || to == null || closed) {
      return false;
    }
    int n = srtp.protectRtp(buf, 0, len);
    if (n < 0) {
      return false;
    }
    sender.send(buf, n, to);
    return true;
  }

  /** Protects and sends an RTCP packet; {@code buf} must have room for the SRTCP index and tag. */
  public boolean sendRtcp(byte[] buf, int len) {
    InetSocketAddress to = ice.selectedAddress();
    if (srtp == null || to == null || closed) {
      return false;
    }
    int n = srtp.protectRtcp(buf, 0, len);
    if (n < 0) {
      return false;
    }
    sender.send(buf, n, to);
    return true;
  }

  /** Encodes, protects and sends one RTCP packet. */
  public boolean sendRtcp(RtcpPacket packet) {
    byte[] out = new byte[packet.encodedLength() + SRTP_ROOM];
    int n = packet.writeTo(out, 0);
    return sendRtcp(out, n);
  }

  /** True when ICE consent has lapsed (RFC 7675: no valid check for 30 s). */
  public boolean consentExpired(long nowMillis) {
    return ice.isConsentExpired(nowMillis);
  }

  public InetSocketAddress remoteAddress() {
    return ice.selectedAddress();
  }

  private void down(String reason) {
    if (!closed) {
      listener.onDown(this, reason);
    }
  }

  /** Frees DTLS threads and SRTP contexts; idempotent. */
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    earlyDtls.clear();
    if (dtls != null) {
      dtls.close();
    }
    if (srtp != null) {
      srtp.close();
    }
  }
}
