package io.confero.e2e;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A UDP relay in front of one SFU port that loses every {@code n}-th video RTP packet in each
 * direction (RTCP, STUN, DTLS and Opus pass), so that loss repair runs with real browsers where the
 * kernel offers no netem. Each client address gets its own upstream socket (a port-restricted NAT),
 * so the SFU sees one peer-reflexive address per client. The SFU announces the relay's address
 * ({@code sfu.announced_address}); RTP is told apart from RTCP by RFC 5761 §4 and Opus by its
 * payload type, which the SFU keeps from the publisher's offer.
 */
final class LossyUdpProxy implements AutoCloseable {
  private static final int OPUS_PT = 111;

  private final DatagramSocket front;
  private final InetSocketAddress server;
  private final int every;
  private final Map<SocketAddress, DatagramSocket> upstream = new ConcurrentHashMap<>();
  private final AtomicLong upCount = new AtomicLong();
  private final AtomicLong downCount = new AtomicLong();
  final AtomicLong droppedUp = new AtomicLong();
  final AtomicLong droppedDown = new AtomicLong();
  private volatile boolean closed;

  /** Relays {@code listen} to {@code server}, losing every {@code every}-th video RTP packet each way. */
  LossyUdpProxy(InetSocketAddress listen, InetSocketAddress server, int every) throws SocketException {
    this.front = new DatagramSocket(listen);
    this.server = server;
    this.every = every;
    thread("lossy-proxy-front-" + listen.getPort(), this::relayUp).start();
  }

  private static Thread thread(String name, Runnable r) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  private void relayUp() {
    byte[] buf = new byte[2048];
    while (!closed) {
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        front.receive(p);
        DatagramSocket up = upstream.computeIfAbsent(p.getSocketAddress(), this::open);
        if (!lose(buf, p.getLength(), upCount, droppedUp)) {
          up.send(new DatagramPacket(buf, p.getLength(), server));
        }
      } catch (IOException | RuntimeException e) {
        if (closed) {
          return;
        }
      }
    }
  }

  private DatagramSocket open(SocketAddress client) {
    try {
      DatagramSocket up = new DatagramSocket(new InetSocketAddress(server.getAddress(), 0));
      thread("lossy-proxy-up-" + up.getLocalPort(), () -> relayDown(up, client)).start();
      return up;
    } catch (SocketException e) {
      throw new IllegalStateException(e);
    }
  }

  private void relayDown(DatagramSocket up, SocketAddress client) {
    byte[] buf = new byte[2048];
    while (!closed) {
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        up.receive(p);
        if (!lose(buf, p.getLength(), downCount, droppedDown)) {
          front.send(new DatagramPacket(buf, p.getLength(), client));
        }
      } catch (IOException e) {
        if (closed) {
          return;
        }
      }
    }
  }

  /** Whether to lose this datagram: every n-th video RTP packet (first byte 128–191, not RTCP 192–223). */
  private boolean lose(byte[] b, int len, AtomicLong count, AtomicLong dropped) {
    if (len < 12 || (b[0] & 0xC0) != 0x80) {
      return false;
    }
    int second = b[1] & 0xFF;
    if ((second >= 192 && second <= 223) || (second & 0x7F) == OPUS_PT) {
      return false;
    }
    if (count.incrementAndGet() % every == 0) {
      dropped.incrementAndGet();
      return true;
    }
    return false;
  }

  @Override
  public void close() {
    closed = true;
    front.close();
    upstream.values().forEach(DatagramSocket::close);
  }
}
