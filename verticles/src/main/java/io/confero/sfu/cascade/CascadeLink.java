package io.confero.sfu.cascade;

import io.confero.media.rtcp.RtcpCompound;
import io.confero.media.rtcp.RtcpException;
import io.confero.media.rtcp.RtcpHeader;
import io.confero.media.rtcp.RtcpNack;
import io.confero.media.rtcp.RtcpPacket;
import io.confero.media.rtcp.RtcpPli;
import io.confero.media.rtcp.RtcpSr;
import io.confero.media.rtp.RtpDemux;
import io.confero.media.srtp.SrtpSession;
import io.confero.sfu.forward.NackGenerator;
import io.confero.sfu.forward.PacketCache;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One node-to-node cascade link as one worker sees it (Jitsi's relay, mediasoup's PipeTransport):
 * it sends this node's relayed streams to the far node and receives the far node's, over one
 * SRTP session (RFC 3711) whose keys the nodes exchanged over the clustered event bus. RTCP is per
 * hop: the receiver NACKs losses on the link (RFC 4585) and the sender repairs them from its
 * cache with RFC 4588 retransmissions; keyframe requests (PLI) go back to the origin and the
 * publisher's sender reports travel with the stream for lip sync. Media never waits for
 * signaling: a packet is sent the moment it is given and delivered the moment it arrives.
 *
 * <p>Pure and single-threaded: bytes leave through {@link Sink}, arrive through
 * {@link #onDatagram}, and time comes in as milliseconds of a monotonic clock.
 */
public final class CascadeLink {
  /** Where protected datagrams go (the link's UDP socket toward the far node). */
  public interface Sink {
    void send(byte[] buf, int off, int len);
  }

  /** What arrives from the far node. */
  public interface Listener {
    /** A media packet of a far stream (a link repair included); {@code buf} is lent for the call only. */
    void onMedia(LinkPacket packet, byte[] buf);

    /** The far node's subscribers need a keyframe of one of our streams. */
    void onKeyframeRequest(int streamId);

    /** The far origin's sender report for one of its streams (the SSRC is the stream id). */
    void onSenderReport(int streamId, RtcpSr sr);
  }

  /** The SSRC our link RTCP is sent under. */
  static final int RTCP_SSRC = 1;
  /** Most far streams tracked (every layer of every track of a large meeting). */
  public static final int MAX_STREAMS = 4096;
  private static final int MAX_DATAGRAM = 1500;

  private static final class Out {
    int seq;
    int rtxSeq;
    final PacketCache cache = PacketCache.withDefaults();
  }

  private final SrtpSession srtp;
  private final Sink sink;
  private final Listener listener;
  private final byte[] scratch;
  private final Map<Integer, Out> outs = new HashMap<>();
  private final Map<Integer, NackGenerator> ins = new HashMap<>();
  private final int[] lost = new int[NackGenerator.DEFAULT_CAPACITY];
  private final long[] drops = new long[LinkDrop.values().length];
  private final java.util.function.Consumer<LinkDrop> onDrop;
  private long sent;
  private long repairsSent;
  private long received;
  private long nacksSent;

  public CascadeLink(SrtpSession srtp, Sink sink, Listener listener) {
    this(srtp, sink, listener, reason -> { });
  }

  /** A link that also reports each drop to {@code onDrop} (the owner's metrics). */
  public CascadeLink(SrtpSession srtp, Sink sink, Listener listener, java.util.function.Consumer<LinkDrop> onDrop) {
    this.onDrop = onDrop;
    this.srtp = srtp;
    this.sink = sink;
    this.listener = listener;
    this.scratch = new byte[MAX_DATAGRAM + LinkPacket.OVERHEAD + 2 + srtp.profile().rtpOverhead()
        + srtp.profile().rtcpOverhead()];
  }

  /**
   * Relays one packet of our stream {@code streamId}: {@code original} is the RTP packet as the
   * publisher's worker received it (RTX unwrapped).
   */
  public void sendMedia(int streamId, int encoding, boolean keyframe, int audioLevel, byte[] original, int off,
      int len, long nowMillis) {
    if (len > MAX_DATAGRAM) {
      drop(LinkDrop.TOO_LARGE);
      return;
    }
    Out out = outs.computeIfAbsent(streamId, k -> new Out());
    int n = LinkPacket.writeMedia(scratch, 0, streamId, out.seq, encoding, keyframe, audioLevel, original, off, len);
    out.cache.put(out.seq, scratch, 0, n, nowMillis);
    out.seq = (out.seq + 1) & 0xFFFF;
    sendRtp(n);
    sent++;
  }

  /** Passes the publisher's sender report for our stream {@code streamId} to the far node. */
  public void sendSenderReport(int streamId, RtcpSr sr) {
    sendRtcp(new RtcpSr(streamId, sr.ntpTimestamp(), sr.rtpTimestamp(), sr.packetCount(), sr.octetCount(),
        List.of()));
  }

  /** Asks the far origin for a keyframe of its stream {@code streamId}. */
  public void requestKeyframe(int streamId) {
    sendRtcp(new RtcpPli(RTCP_SSRC, streamId));
  }

  /** Our stream ended: its cache goes. */
  public void forgetOutbound(int streamId) {
    outs.remove(streamId);
  }

  /** The far stream ended: its loss tracking goes. */
  public void forgetInbound(int streamId) {
    ins.remove(streamId);
  }

  /** Periodic (every few tens of ms): NACKs for losses on the link that are due. */
  public void tick(long nowMillis) {
    for (Map.Entry<Integer, NackGenerator> e : ins.entrySet()) {
      NackGenerator nack = e.getValue();
      if (nack.isDue(nowMillis)) {
        int n = nack.collect(nowMillis, lost);
        if (n > 0) {
          sendRtcp(RtcpNack.of(RTCP_SSRC, e.getKey(), java.util.Arrays.copyOf(lost, n)));
          nacksSent++;
        }
      }
    }
  }

  /** One datagram from the far node (protected); counted and dropped when it is not a valid link packet. */
  public void onDatagram(byte[] buf, int off, int len, long nowMillis) {
    if (RtpDemux.isRtcp(buf, off, len)) {
      int n = srtp.unprotectRtcp(buf, off, len);
      if (n < 0) {
        drop(LinkDrop.SRTP_FAILED);
      } else {
        onRtcp(buf, off, n, nowMillis);
      }
      return;
    }
    int n = srtp.unprotectRtp(buf, off, len);
    if (n < 0) {
      drop(LinkDrop.SRTP_FAILED);
      return;
    }
    LinkPacket p;
    try {
      p = LinkPacket.parse(buf, off, n);
    } catch (LinkPacketException e) {
      drop(LinkDrop.MALFORMED);
      return;
    }
    NackGenerator nack = ins.get(p.streamId());
    if (nack == null) {
      if (ins.size() >= MAX_STREAMS) {
        drop(LinkDrop.TOO_MANY_STREAMS);
        return;
      }
      nack = NackGenerator.withDefaults();
      ins.put(p.streamId(), nack);
    }
    if (nack.onPacket(p.linkSeq(), nowMillis) == NackGenerator.Outcome.DUPLICATE) {
      drop(LinkDrop.DUPLICATE);
      return;
    }
    received++;
    listener.onMedia(p, buf);
  }

  private void onRtcp(byte[] buf, int off, int len, long nowMillis) {
    RtcpCompound c = new RtcpCompound(buf, off, len);
    try {
      while (c.next()) {
        int at = c.packetOffset();
        int type = c.packetType();
        if (type == RtcpHeader.RTPFB && c.count() == RtcpNack.FMT) {
          RtcpNack nack = RtcpNack.parse(buf, at, c.packetLength());
          for (int seq : nack.lostSequenceNumbers()) {
            repair(nack.mediaSsrc(), seq, nowMillis);
          }
        } else if (type == RtcpHeader.PSFB && c.count() == RtcpPli.FMT) {
          listener.onKeyframeRequest(RtcpPli.parse(buf, at, c.packetLength()).mediaSsrc());
        } else if (type == RtcpHeader.SR) {
          RtcpSr sr = RtcpSr.parse(buf, at, c.packetLength());
          listener.onSenderReport(sr.ssrc(), sr);
        }
      }
    } catch (RtcpException e) {
      drop(LinkDrop.MALFORMED);
    }
  }

  private void repair(int streamId, int seq, long nowMillis) {
    Out out = outs.get(streamId);
    PacketCache.Entry e = out == null ? null : out.cache.get(seq, nowMillis);
    if (e == null) {
      drop(LinkDrop.NOT_CACHED);
      return;
    }
    int n = LinkPacket.writeRtx(scratch, 0, out.rtxSeq, e.buffer(), 0, e.length());
    out.rtxSeq = (out.rtxSeq + 1) & 0xFFFF;
    sendRtp(n);
    repairsSent++;
  }

  private void sendRtp(int len) {
    int n = srtp.protectRtp(scratch, 0, len);
    if (n > 0) {
      sink.send(scratch, 0, n);
    }
  }

  private void sendRtcp(RtcpPacket packet) {
    int len = packet.writeTo(scratch, 0);
    int n = srtp.protectRtcp(scratch, 0, len);
    if (n > 0) {
      sink.send(scratch, 0, n);
    }
  }

  private void drop(LinkDrop reason) {
    drops[reason.ordinal()]++;
    onDrop.accept(reason);
  }

  /** Media packets sent (repairs not included). */
  public long sent() {
    return sent;
  }

  public long repairsSent() {
    return repairsSent;
  }

  /** Media packets delivered from the far node (repairs included). */
  public long received() {
    return received;
  }

  public long nacksSent() {
    return nacksSent;
  }

  public long drops(LinkDrop reason) {
    return drops[reason.ordinal()];
  }
}
