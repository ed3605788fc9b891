package io.confero.loadgen;

import io.confero.media.rtp.RtpDemux;
import io.confero.media.srtp.SrtpKeys;
import io.confero.media.srtp.SrtpSession;
import io.confero.media.stun.StunAttributeType;
import io.confero.media.stun.StunClass;
import io.confero.media.stun.StunMessage;
import io.confero.media.stun.StunMessageBuilder;
import io.confero.media.stun.StunMethod;
import io.confero.media.stun.StunParseException;
import io.confero.sfu.dtls.DtlsCertificate;
import io.confero.sfu.dtls.DtlsEndpoint;
import io.confero.sfu.dtls.DtlsOptions;
import io.confero.sfu.dtls.DtlsRole;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client end of one peer connection to the SFU, as a browser runs it: a full (controlling) ICE
 * agent toward the SFU's ICE-lite host candidate (RFC 8445 §7.2, nominating with USE-CANDIDATE, then
 * consent checks every 2.5 s, RFC 7675), the DTLS client (RFC 5763, {@code a=setup:active}) and SRTP
 * with the exported keys. One UDP socket and one receive thread per transport.
 */
final class ClientTransport implements AutoCloseable {
  /** What a transport reports; called from its receive thread (or the DTLS executor for state). */
  interface Listener {
    /** The DTLS handshake finished: media may flow. */
    void onConnected();

    /** ICE or DTLS failed for good. */
    void onFailed(String reason);

    /** One decrypted RTP packet (the array is reused after the call). */
    void onRtp(byte[] buf, int off, int len);

    /** One decrypted RTCP compound packet (the array is reused after the call). */
    void onRtcp(byte[] buf, int off, int len);
  }

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final long CHECK_MILLIS = 50;
  private static final long CONSENT_MILLIS = 2_500;
  /** Room after a packet for the largest SRTP/SRTCP tag and index. */
  static final int SRTP_ROOM = 32;

  private final DatagramSocket socket;
  private final InetSocketAddress server;
  private final IceParams local;
  private final IceParams remote;
  private final DtlsEndpoint dtls;
  private final Listener listener;
  private final ScheduledExecutorService timers;
  private final Object srtpLock = new Object();
  private final long tieBreaker = RANDOM.nextLong();
  private final AtomicLong decryptFailures = new AtomicLong();
  private volatile SrtpSession srtp;
  private volatile boolean iceConnected;
  private volatile boolean closed;
  private ScheduledFuture<?> checks;
  private byte[] pendingTransaction;

  /** ICE credentials of one side. */
  record IceParams(String ufrag, String pwd) {
    static IceParams random() {
      return new IceParams(token(4), token(24));
    }

    private static String token(int n) {
      String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
      StringBuilder s = new StringBuilder(n);
      for (int i = 0; i < n; i++) {
        s.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
      }
      return s.toString();
    }
  }

  ClientTransport(InetSocketAddress server, IceParams local, IceParams remote, DtlsCertificate certificate,
      String remoteFingerprint, Executor dtlsExecutor, ScheduledExecutorService timers, Listener listener)
      throws SocketException {
    this.socket = new DatagramSocket(new InetSocketAddress(server.getAddress().isLoopbackAddress()
        ? server.getAddress() : null, 0));
    this.socket.setReceiveBufferSize(1 << 20);
    this.server = server;
    this.local = local;
    this.remote = remote;
    this.listener = listener;
    this.timers = timers;
    this.dtls = new DtlsEndpoint(DtlsRole.CLIENT, certificate, remoteFingerprint, DtlsOptions.defaults(),
        this::send, dtlsExecutor, new DtlsEndpoint.Listener() {
          @Override
          public void onConnected(SrtpKeys keys) {
            srtp = dtls.newSrtpSession(keys);
            listener.onConnected();
          }

          @Override
          public void onFailed(String reason) {
            listener.onFailed("DTLS: " + reason);
          }

          @Override
          public void onClosed() {
            if (!closed) {
              listener.onFailed("DTLS closed by the SFU");
            }
          }
        });
  }

  /** Starts the receive thread and the connectivity checks. */
  void start(String name) {
    Thread reader = new Thread(this::receiveLoop, "loadgen-" + name);
    reader.setDaemon(true);
    reader.start();
    scheduleChecks(CHECK_MILLIS);
  }

  boolean isConnected() {
    return srtp != null;
  }

  long decryptFailures() {
    return decryptFailures.get();
  }

  /** Protects and sends one RTP packet; {@code buf} needs {@link #SRTP_ROOM} free bytes after it. */
  void sendRtp(byte[] buf, int len) {
    protectAndSend(buf, len, false);
  }

  /** Protects and sends one RTCP compound packet; {@code buf} needs {@link #SRTP_ROOM} free bytes. */
  void sendRtcp(byte[] buf, int len) {
    protectAndSend(buf, len, true);
  }

  private void protectAndSend(byte[] buf, int len, boolean rtcp) {
    SrtpSession s = srtp;
    if (s == null || closed) {
      return;
    }
    int n;
    synchronized (srtpLock) {
      n = rtcp ? s.protectRtcp(buf, 0, len) : s.protectRtp(buf, 0, len);
    }
    if (n > 0) {
      send(buf, n);
    }
  }

  private void scheduleChecks(long periodMillis) {
    synchronized (this) {
      if (checks != null) {
        checks.cancel(false);
      }
      if (!closed) {
        checks = timers.scheduleAtFixedRate(this::sendCheck, 0, periodMillis, TimeUnit.MILLISECONDS);
      }
    }
  }

  /** A Binding request with the ICE attributes the SFU's lite agent checks (RFC 8445 §7.1.1). */
  private void sendCheck() {
    byte[] transaction = new byte[12];
    RANDOM.nextBytes(transaction);
    synchronized (this) {
      pendingTransaction = transaction;
    }
    byte[] request = new StunMessageBuilder(StunMethod.BINDING, StunClass.REQUEST, transaction)
        .addString(StunAttributeType.USERNAME, remote.ufrag() + ":" + local.ufrag())
        .addUInt32(StunAttributeType.PRIORITY, 0x6E7F1EFFL)
        .addUInt64(StunAttributeType.ICE_CONTROLLING, tieBreaker)
        .addFlag(StunAttributeType.USE_CANDIDATE)
        .addMessageIntegrity(remote.pwd().getBytes(StandardCharsets.UTF_8))
        .addFingerprint()
        .build();
    send(request);
  }

  private void receiveLoop() {
    byte[] buf = new byte[2048];
    DatagramPacket packet = new DatagramPacket(buf, buf.length);
    while (!closed) {
      try {
        packet.setLength(buf.length);
        socket.receive(packet);
      } catch (IOException e) {
        if (!closed) {
          listener.onFailed("socket: " + e.getMessage());
        }
        return;
      }
      int len = packet.getLength();
      if (RtpDemux.isStun(buf, 0, len)) {
        onStun(buf, len);
      } else if (RtpDemux.isDtls(buf, 0, len)) {
        dtls.deliver(java.util.Arrays.copyOf(buf, len));
      } else if (RtpDemux.isRtpOrRtcp(buf, 0, len)) {
        onSrtp(buf, len);
      }
    }
  }

  private void onStun(byte[] buf, int len) {
    StunMessage msg;
    try {
      msg = StunMessage.parse(buf, 0, len);
    } catch (StunParseException e) {
      return;
    }
    byte[] expected;
    synchronized (this) {
      expected = pendingTransaction;
    }
    if (msg.messageClass() != StunClass.SUCCESS_RESPONSE || expected == null
        || !java.util.Arrays.equals(expected, msg.transactionId())
        || !msg.verifyMessageIntegrity(remote.pwd().getBytes(StandardCharsets.UTF_8))) {
      return;
    }
    if (!iceConnected) {
      iceConnected = true;
      scheduleChecks(CONSENT_MILLIS);
      dtls.start();
    }
  }

  private void onSrtp(byte[] buf, int len) {
    SrtpSession s = srtp;
    if (s == null) {
      return;
    }
    boolean rtcp = RtpDemux.isRtcp(buf, 0, len);
    int n;
    synchronized (srtpLock) {
      n = rtcp ? s.unprotectRtcp(buf, 0, len) : s.unprotectRtp(buf, 0, len);
    }
    if (n < 0) {
      decryptFailures.incrementAndGet();
    } else if (rtcp) {
      listener.onRtcp(buf, 0, n);
    } else {
      listener.onRtp(buf, 0, n);
    }
  }

  private void send(byte[] datagram) {
    send(datagram, datagram.length);
  }

  private void send(byte[] datagram, int len) {
    if (closed) {
      return;
    }
    try {
      socket.send(new DatagramPacket(datagram, len, server));
    } catch (IOException e) {
      // a full socket buffer drops this packet, as the network would
    }
  }

  @Override
  public void close() {
    closed = true;
    synchronized (this) {
      if (checks != null) {
        checks.cancel(false);
      }
    }
    dtls.close();
    socket.close();
    SrtpSession s = srtp;
    if (s != null) {
      synchronized (srtpLock) {
        s.close();
      }
    }
  }
}
