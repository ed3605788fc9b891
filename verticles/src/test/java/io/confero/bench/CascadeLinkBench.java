package io.confero.bench;

import io.confero.media.rtcp.RtcpSr;
import io.confero.media.srtp.SrtpKeys;
import io.confero.media.srtp.SrtpSession;
import io.confero.sfu.cascade.CascadeLink;
import io.confero.sfu.cascade.LinkKeys;
import io.confero.sfu.cascade.LinkPacket;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.SecureRandom;
import java.util.Random;

/**
 * CPU per relayed packet on a cascade link, both ends in one thread with the datagrams handed
 * across in memory (no socket): the sending end wraps the original, caches it for repairs and
 * protects it (SRTP AES-GCM), the receiving end unprotects, parses, tracks losses and copies the
 * original out for the far router — everything the link adds to a packet crossing nodes but the
 * two UDP system calls. Baseline in the same run: one SRTP AES-GCM protect + unprotect of the
 * original (what any WebRTC hop costs). Thread CPU time from {@link ThreadMXBean}.
 * Run: {@code java -cp <test classpath> io.confero.bench.CascadeLinkBench [packets]}.
 */
public final class CascadeLinkBench {
  private CascadeLinkBench() {
  }

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
    for (int size : new int[] {1100, 120}) {
      for (int round = 0; round < 3; round++) {
        double link = link(size, n);
        double srtp = srtp(size, n);
        if (round > 0) { // the first round warms the JIT
          System.out.printf("packet %4d B: link %.2f µs/packet (%.0f packets/s on one core), SRTP baseline %.2f µs%n",
              size, link, 1e6 / link, srtp);
        }
      }
    }
  }

  private static byte[] original(int size, int seq) {
    byte[] p = new byte[size];
    new Random(seq).nextBytes(p);
    p[0] = (byte) 0x80;
    p[1] = 96;
    p[2] = (byte) (seq >> 8);
    p[3] = (byte) seq;
    return p;
  }

  /** µs of thread CPU per packet through both ends of a link. */
  private static double link(int size, int n) {
    SrtpKeys keys = LinkKeys.generate(new SecureRandom());
    long[] delivered = new long[1];
    CascadeLink.Listener sink = new CascadeLink.Listener() {
      @Override
      public void onMedia(LinkPacket p, byte[] buf) {
        byte[] copy = java.util.Arrays.copyOfRange(buf, p.innerOffset(), p.innerOffset() + p.innerLength());
        delivered[0] += copy.length;
      }

      @Override
      public void onKeyframeRequest(int streamId) {
      }

      @Override
      public void onSenderReport(int streamId, RtcpSr sr) {
      }
    };
    CascadeLink[] far = new CascadeLink[1];
    byte[] wire = new byte[2048];
    CascadeLink near = new CascadeLink(LinkKeys.session(keys, true), (buf, off, len) -> {
      System.arraycopy(buf, off, wire, 0, len);
      far[0].onDatagram(wire, 0, len, 0);
    }, sink);
    far[0] = new CascadeLink(LinkKeys.session(keys, false), (buf, off, len) -> { }, sink);
    byte[] p = original(size, 1);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long t0 = mx.getCurrentThreadCpuTime();
    for (int i = 0; i < n; i++) {
      p[3] = (byte) i;
      near.sendMedia(7, 0, false, -1, p, 0, size, i / 100);
    }
    long cpu = mx.getCurrentThreadCpuTime() - t0;
    if (far[0].received() != n) {
      throw new IllegalStateException("delivered " + far[0].received() + " of " + n);
    }
    return cpu / 1e3 / n;
  }

  /** µs of thread CPU per packet for SRTP AES-GCM protect + unprotect of the original alone. */
  private static double srtp(int size, int n) {
    SrtpKeys keys = LinkKeys.generate(new SecureRandom());
    SrtpSession tx = LinkKeys.session(keys, true);
    SrtpSession rx = LinkKeys.session(keys, false);
    byte[] p = original(size, 1);
    byte[] buf = new byte[size + 64];
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long t0 = mx.getCurrentThreadCpuTime();
    for (int i = 0; i < n; i++) {
      System.arraycopy(p, 0, buf, 0, size);
      buf[2] = (byte) (i >> 8);
      buf[3] = (byte) i;
      int len = tx.protectRtp(buf, 0, size);
      if (rx.unprotectRtp(buf, 0, len) < 0) {
        throw new IllegalStateException("unprotect failed at " + i);
      }
    }
    return (mx.getCurrentThreadCpuTime() - t0) / 1e3 / n;
  }
}
