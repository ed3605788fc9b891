package io.confero.sfu;

import io.confero.media.rtcp.ReportBlock;
import io.confero.media.rtcp.RtcpCompound;
import io.confero.media.rtcp.RtcpException;
import io.confero.media.rtcp.RtcpFir;
import io.confero.media.rtcp.RtcpHeader;
import io.confero.media.rtcp.RtcpNack;
import io.confero.media.rtcp.RtcpPacket;
import io.confero.media.rtcp.RtcpPli;
import io.confero.media.rtcp.RtcpRr;
import io.confero.media.rtcp.RtcpSr;
import io.confero.media.rtcp.RtcpTwcc;
import io.confero.media.rtp.RtpExtensions;
import io.confero.media.rtp.RtpPacket;
import io.confero.media.rtp.Rtx;
import io.confero.sfu.forward.ForwardDecision;
import io.confero.sfu.forward.PacketCache;
import io.confero.sfu.forward.TwccRecorder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The media path of one meeting on one worker: RTP from publishers fanned out to consumers
 * (SSRC/seq/timestamp rewritten), keyframe requests upstream, losses from publishers NACKed
 * upstream and their RTX repairs unwrapped, subscribers' NACKs answered from the sent-packet cache
 * (as RTX where negotiated), transport-wide congestion feedback to publishers. Runs on the
 * worker's event loop only.
 */
final class RtpRelay {
  /** Room after a packet for the SRTP/SRTCP tag and index. */
  static final int SRTP_ROOM = 32;
  /** Header-extension id the subscriber never negotiated: the publisher's mid element is renamed to it. */
  static final int NEUTRAL_EXTENSION_ID = 14;
  /** Our RTCP sender SSRC (feedback packets to publishers and subscribers). */
  static final int SFU_SSRC = 0x5346_5501;

  private final Map<Integer, Producer> producersBySsrc;
  private final Map<Integer, Producer> producersByRtxSsrc;
  private final WorkerEnv env;
  private final UpstreamRepair upstream;

  RtpRelay(Map<Integer, Producer> producersBySsrc, Map<Integer, Producer> producersByRtxSsrc, WorkerEnv env) {
    this.producersBySsrc = producersBySsrc;
    this.producersByRtxSsrc = producersByRtxSsrc;
    this.env = env;
    this.upstream = new UpstreamRepair(env);
  }

  void onRtp(Peer from, byte[] buf, int len, long nowNanos) {
    RtpPacket p = RtpPacket.parse(buf, 0, len);
    if (p == null) {
      env.metrics().drop(SfuDrop.MALFORMED_RTP);
      return;
    }
    // every packet with a transport-wide sequence number is reported back, including RTX and
    // padding probes on SSRCs no producer owns: an unreported probe reads as loss to the sender
    recordTwcc(from, p, nowNanos);
    long nowMillis = nowNanos / 1_000_000;
    Producer producer = producerFor(from, p);
    if (producer != null && producer.rtxSsrcKnown && p.ssrc() == producer.rtxSsrc) {
      p = upstream.unwrapRtx(producer, p, buf, nowMillis);
      if (p == null) {
        return;
      }
    } else if (producer == null || producer.isRtxPayloadType(p.payloadType())) {
      env.metrics().drop(SfuDrop.UNKNOWN_SSRC);
      return;
    } else if (upstream.detectLoss(producer, p.sequenceNumber(), nowMillis)) {
      requestKeyframe(producer, nowMillis);
    }
    producer.reception().onPacket(p.sequenceNumber(), p.timestamp(), nowNanos);
    if (producer.muted) {
      env.metrics().drop(SfuDrop.MUTED);
      return;
    }
    if (!producer.isVideo()) {
      // RFC 6464: a byte read in place, no allocation; feeds the active speaker detection
      producer.level.onLevel(RtpExtensions.audioLevel(p, producer.audioLevelExtensionId()), nowMillis);
    }
    boolean keyframe = producer.isKeyframe(p.payloadType(), buf, p.payloadOffset(), p.payloadLength());
    for (Consumer c : producer.consumers) {
      forward(c, p, keyframe, nowNanos, nowMillis);
    }
  }

  /** The producer of a packet on its primary or its RTX SSRC; SSRCs not signalled are learned by mid (RFC 8843 §15). */
  private Producer producerFor(Peer from, RtpPacket p) {
    Producer byMap = producersBySsrc.get(p.ssrc());
    if (byMap == null) {
      byMap = producersByRtxSsrc.get(p.ssrc());
    }
    if (byMap != null) {
      return byMap.owner == from ? byMap : null;
    }
    for (Producer candidate : from.producersByMid.values()) {
      String mid = RtpExtensions.mid(p, candidate.midExtensionId());
      if (mid != null) {
        Producer byMid = from.producersByMid.get(mid);
        return byMid == null ? null : learnSsrc(byMid, p);
      }
    }
    return null;
  }

  private Producer learnSsrc(Producer byMid, RtpPacket p) {
    boolean rtx = byMid.isRtxPayloadType(p.payloadType());
    if (!rtx && !byMid.ssrcKnown) {
      byMid.ssrc = p.ssrc();
      byMid.ssrcKnown = true;
      producersBySsrc.put(p.ssrc(), byMid);
      return byMid;
    }
    if (rtx && !byMid.rtxSsrcKnown) {
      byMid.rtxSsrc = p.ssrc();
      byMid.rtxSsrcKnown = true;
      producersByRtxSsrc.put(p.ssrc(), byMid);
      return byMid;
    }
    return null;
  }

  private void recordTwcc(Peer from, RtpPacket p, long nowNanos) {
    int id = -1;
    for (Producer any : from.producersByMid.values()) {
      id = any.transportCcExtensionId();
      if (id > 0) {
        break;
      }
    }
    if (id < 0) {
      return;
    }
    int seq = RtpExtensions.transportSequence(p, id);
    if (seq < 0) {
      return;
    }
    if (from.twcc == null) {
      from.twcc = new TwccRecorder(SFU_SSRC, p.ssrc());
    }
    from.twcc.record(seq, nowNanos / 1000);
  }

  private void forward(Consumer c, RtpPacket in, boolean keyframe, long nowNanos, long nowMillis) {
    WebRtcTransport out = c.subscriber.subscriber;
    if (out == null || !out.isConnected()) {
      env.metrics().drop(SfuDrop.NO_SUBSCRIBER_TRANSPORT);
      return;
    }
    if (c.pausedByReceiver) {
      env.metrics().drop(SfuDrop.NOT_SHOWN);
      return;
    }
    if (c.forwarder.isPaused()) {
      c.forwarder.switchTo(in.ssrc());
    }
    ForwardDecision d = c.forwarder.decide(in.ssrc(), in.sequenceNumber(), in.timestamp(), in.marker(), keyframe,
        nowNanos);
    if (d.keyframeRequested() || c.forwarder.keyframeNeeded()) {
      requestKeyframe(c.producer, nowMillis);
    }
    if (!d.isForward()) {
      env.metrics().drop(d.reason() == io.confero.sfu.forward.DropReason.WAITING_FOR_KEYFRAME
          ? SfuDrop.WAITING_FOR_KEYFRAME : SfuDrop.FORWARDER);
      return;
    }
    byte[] copy = Arrays.copyOf(in.buffer(), in.length() + SRTP_ROOM);
    RtpPacket q = RtpPacket.parse(copy, 0, in.length());
    d.applyTo(q);
    neutralizeMid(q, c.producer.midExtensionId());
    if (c.sent != null) {
      c.sent.put(q.sequenceNumber(), copy, 0, in.length(), nowMillis);
    }
    c.packetsSent++;
    c.octetsSent += q.payloadLength();
    send(c, q, copy, in.length());
  }

  private void send(Consumer c, RtpPacket q, byte[] copy, int len) {
    WebRtcTransport out = c.subscriber.subscriber;
    int twccId = c.producer.transportCcExtensionId();
    if (twccId > 0) {
      RtpExtensions.setTransportSequence(q, twccId, out.nextTransportSeq());
    }
    if (out.sendRtp(copy, len)) {
      env.metrics().forwarded(len);
    }
  }

  /** Renames the publisher's mid extension so the subscriber demultiplexes by our SSRC (its mids differ). */
  static void neutralizeMid(RtpPacket q, int midId) {
    if (midId < 1 || !RtpExtensions.isOneByte(q)) {
      return;
    }
    int at = RtpExtensions.find(q, midId);
    if (at > 0) {
      byte[] b = q.buffer();
      b[at - 1] = (byte) ((NEUTRAL_EXTENSION_ID << 4) | (b[at - 1] & 0x0F));
    }
  }

  void requestKeyframe(Producer producer, long nowMillis) {
    WebRtcTransport pub = producer.owner.publisher;
    if (!producer.isVideo() || !producer.ssrcKnown || pub == null || !pub.isConnected()
        || !producer.keyframes.tryAcquire(nowMillis)) {
      return;
    }
    sendRtcp(pub, new RtcpPli(SFU_SSRC, producer.ssrc));
    env.metrics().keyframeRequested();
  }

  /** RTCP from a subscriber: keyframe requests go upstream, NACKs are answered from the sent cache. */
  void onSubscriberRtcp(Peer from, byte[] buf, int len, long nowMillis) {
    RtcpCompound compound = new RtcpCompound(buf, 0, len);
    try {
      while (compound.next()) {
        int type = compound.packetType();
        int fmt = compound.count();
        int off = compound.packetOffset();
        int plen = compound.packetLength();
        if (type == RtcpHeader.PSFB && fmt == RtcpPli.FMT) {
          keyframeFor(from, RtcpPli.parse(buf, off, plen).mediaSsrc(), nowMillis);
        } else if (type == RtcpHeader.PSFB && fmt == RtcpFir.FMT) {
          for (RtcpFir.Entry e : RtcpFir.parse(buf, off, plen).entries()) {
            keyframeFor(from, e.ssrc(), nowMillis);
          }
        } else if (type == RtcpHeader.RTPFB && fmt == RtcpNack.FMT) {
          RtcpNack nack = RtcpNack.parse(buf, off, plen);
          retransmit(from.consumersBySsrc.get(nack.mediaSsrc()), nack.lostSequenceNumbers(), nowMillis);
        }
      }
    } catch (RtcpException e) {
      env.metrics().drop(SfuDrop.MALFORMED_RTCP);
    }
  }

  /**
   * RTCP from a publisher: each sender report is translated for every subscriber of that track
   * (our SSRC, the NTP time with the timestamp mapped into the subscriber's timestamp space, our
   * own packet and octet counts), so receivers can synchronise audio and video (RFC 3550 §6.4.1);
   * the rest (SDES, RR of its own, ...) is checked for well-formedness only.
   */
  void onPublisherRtcp(Peer from, byte[] buf, int len, long nowNanos) {
    RtcpCompound compound = new RtcpCompound(buf, 0, len);
    try {
      while (compound.next()) {
        if (compound.packetType() == RtcpHeader.SR) {
          relaySenderReport(from, RtcpSr.parse(buf, compound.packetOffset(), compound.packetLength()), nowNanos);
        }
      }
    } catch (RtcpException e) {
      env.metrics().drop(SfuDrop.MALFORMED_RTCP);
    }
  }

  private void relaySenderReport(Peer from, RtcpSr sr, long nowNanos) {
    Producer producer = producersBySsrc.get(sr.ssrc());
    if (producer == null || producer.owner != from) {
      return;
    }
    producer.reception().onSenderReport(sr.ntpTimestamp(), nowNanos);
    for (Consumer c : producer.consumers) {
      WebRtcTransport out = c.subscriber.subscriber;
      long ts = c.forwarder.toOutgoingTimestamp(sr.ssrc(), sr.rtpTimestamp());
      if (out != null && out.isConnected() && ts >= 0) {
        sendRtcp(out, new RtcpSr(c.outSsrc, sr.ntpTimestamp(), ts, c.packetsSent, c.octetsSent, List.of()));
      }
    }
  }

  private void keyframeFor(Peer subscriber, int ssrc, long nowMillis) {
    Consumer c = subscriber.consumersBySsrc.get(ssrc);
    if (c != null) {
      requestKeyframe(c.producer, nowMillis);
    }
  }

  /**
   * Answers a subscriber's NACK from the sent-packet cache: as RFC 4588 RTX packets (RTX SSRC and
   * sequence, OSN = the sequence number the subscriber saw) where its answer accepted rtx, else
   * resent as they were on the primary SSRC.
   */
  private void retransmit(Consumer c, int[] lost, long nowMillis) {
    if (c == null || c.sent == null) {
      return;
    }
    for (int seq : lost) {
      PacketCache.Entry e = c.sent.get(seq, nowMillis);
      RtpPacket original = e == null ? null : RtpPacket.parse(e.buffer(), 0, e.length());
      if (original == null) {
        continue;
      }
      byte[] out = new byte[Rtx.wrappedLength(original) + SRTP_ROOM];
      int len;
      if (c.rtxNegotiated) {
        len = Rtx.wrap(original, out, 0, (int) c.rtxSsrc, c.rtxPt, c.nextRtxSeq());
        env.metrics().rtxSent();
      } else {
        len = e.length();
        System.arraycopy(e.buffer(), 0, out, 0, len);
      }
      send(c, RtpPacket.parse(out, 0, len), out, len);
      env.metrics().retransmitted();
    }
  }

  /**
   * Sends the publisher a receiver report on every track it sends us (loss, jitter, LSR/DLSR for
   * its round-trip time; RFC 3550 §6.4.2).
   */
  void sendReceiverReport(Peer peer, long nowNanos) {
    if (peer.publisher == null || !peer.publisher.isConnected()) {
      return;
    }
    List<ReportBlock> blocks = new ArrayList<>();
    for (Producer p : peer.producersByMid.values()) {
      if (p.ssrcKnown && p.reception != null && p.reception.hasReceived() && blocks.size() < 31) {
        blocks.add(p.reception.report(nowNanos));
      }
    }
    if (!blocks.isEmpty()) {
      sendRtcp(peer.publisher, new RtcpRr(SFU_SSRC, blocks));
    }
  }

  /** NACK retries (and expiry) for a publisher's tracks when no packet of theirs arrives to trigger them. */
  void sendDueNacks(Peer peer, long nowMillis) {
    upstream.sendDueNacks(peer, nowMillis);
  }

  /** Sends pending transport-wide congestion feedback to a publisher. */
  void flushTwcc(Peer peer) {
    if (peer.twcc == null || peer.publisher == null || !peer.publisher.isConnected()) {
      return;
    }
    for (RtcpTwcc fb = peer.twcc.buildFeedback(); fb != null; fb = peer.twcc.buildFeedback()) {
      sendRtcp(peer.publisher, fb);
    }
  }

  static void sendRtcp(WebRtcTransport t, RtcpPacket packet) {
    byte[] out = new byte[packet.encodedLength() + SRTP_ROOM];
    int n = packet.writeTo(out, 0);
    t.sendRtcp(out, n);
  }
}
