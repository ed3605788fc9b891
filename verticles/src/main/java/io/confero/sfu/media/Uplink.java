package io.confero.sfu.media;

import io.confero.media.rtcp.ReportBlock;
import io.confero.media.rtcp.RtcpCompound;
import io.confero.media.rtcp.RtcpException;
import io.confero.media.rtcp.RtcpHeader;
import io.confero.media.rtcp.RtcpPli;
import io.confero.media.rtcp.RtcpRr;
import io.confero.media.rtcp.RtcpSr;
import io.confero.media.rtcp.RtcpTwcc;
import io.confero.media.rtp.RtpExtensions;
import io.confero.media.rtp.RtpPacket;
import io.confero.sfu.forward.TwccRecorder;
import io.confero.sfu.metrics.DropReason;
import io.confero.sfu.metrics.SfuMetrics;
import io.confero.sfu.simulcast.LayerMatch;
import io.confero.sfu.simulcast.LayerTable;
import io.confero.sfu.simulcast.Vp8Descriptor;
import io.confero.sfu.transport.WebRtcTransport;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A publisher's send side on this worker: its transport and producers, and the path of each RTP
 * packet it sends (Jitsi's RtpReceiver): transport-wide arrival recorded for congestion feedback,
 * the packet mapped to its producer's {@link Encoding} (SSRCs learned by mid where not signalled,
 * RFC 8843 §15), RTX repairs unwrapped and gaps NACKed ({@link UpstreamRepair}), reception
 * counted, then handed as a {@link PacketInfo} to every {@link Consumer} of the producer. Upstream
 * it sends keyframe requests, receiver reports and transport-wide feedback. Runs on the worker's
 * event loop only.
 */
public final class Uplink {
  /** Our RTCP sender SSRC (feedback packets to publishers). */
  static final int SFU_SSRC = 0x5346_5501;
  /** How often a publisher gets a receiver report (RFC 3550 §6.2 allows this much for 5 % of 50 kbps). */
  static final long RECEIVER_REPORT_MILLIS = 1000;

  private final WebRtcTransport transport;
  private final SfuMetrics metrics;
  private final UpstreamRepair repair;
  private final Map<String, Producer> producersByMid = new LinkedHashMap<>();
  private final Map<Integer, Encoding> encodingsBySsrc = new HashMap<>();
  /** Encodings by their publisher's RTX SSRC (RFC 4588): retransmissions we asked for come there. */
  private final Map<Integer, Encoding> encodingsByRtxSsrc = new HashMap<>();
  private TwccRecorder twcc;
  /** The worst fraction lost in our last receiver report (before repair). */
  private double lossFraction;
  /** Set by {@link #encodingFor} when it refused the packet and counted the drop itself. */
  private boolean layerRejected;
  private long lastReceiverReportMillis;

  public Uplink(WebRtcTransport transport, SfuMetrics metrics) {
    this.transport = transport;
    this.metrics = metrics;
    this.repair = new UpstreamRepair(transport, metrics);
  }

  public WebRtcTransport transport() {
    return transport;
  }

  public Collection<Producer> producers() {
    return Collections.unmodifiableCollection(producersByMid.values());
  }

  /** The producer of an m-section, or null. */
  public Producer producer(String mid) {
    return producersByMid.get(mid);
  }

  public void add(Producer p) {
    producersByMid.put(p.mid(), p);
    for (Encoding e : p.encodings()) {
      if (e.ssrcKnown()) {
        encodingsBySsrc.put(e.ssrc(), e);
      }
      if (e.rtxSsrcKnown()) {
        encodingsByRtxSsrc.put(e.rtxSsrc(), e);
      }
    }
  }

  public void remove(Producer p) {
    producersByMid.remove(p.mid(), p);
    for (Encoding e : p.encodings()) {
      encodingsBySsrc.remove(e.ssrc(), e);
      encodingsByRtxSsrc.remove(e.rtxSsrc(), e);
    }
  }

  /** One decrypted RTP packet from the publisher, read at {@code nowNanos}. */
  public void onRtp(byte[] buf, int len, long nowNanos) {
    RtpPacket p = RtpPacket.parse(buf, 0, len);
    if (p == null) {
      metrics.drop(DropReason.MALFORMED_RTP);
      return;
    }
    // every packet with a transport-wide sequence number is reported back, including RTX and
    // padding probes on SSRCs no producer owns: an unreported probe reads as loss to the sender
    recordTwcc(p, nowNanos);
    long nowMillis = nowNanos / 1_000_000;
    Encoding enc = encodingFor(p);
    if (enc == null && layerRejected) {
      return;
    }
    Producer producer = enc == null ? null : enc.producer();
    if (enc != null && enc.rtxSsrcKnown() && p.ssrc() == enc.rtxSsrc()) {
      p = repair.unwrapRtx(enc, p, buf, nowMillis);
      if (p == null) {
        return;
      }
    } else if (producer == null || producer.isRtxPayloadType(p.payloadType())) {
      metrics.drop(DropReason.UNKNOWN_SSRC);
      return;
    } else if (repair.detectLoss(enc, p.sequenceNumber(), nowMillis)) {
      requestKeyframe(enc, nowMillis);
    }
    enc.reception().onPacket(p.sequenceNumber(), p.timestamp(), nowNanos);
    if (producer.isMuted()) {
      metrics.drop(DropReason.MUTED);
      return;
    }
    int level = -1;
    if (!producer.isVideo()) {
      // RFC 6464: a byte read in place, no allocation; feeds the active speaker detection
      level = RtpExtensions.audioLevel(p, producer.audioLevelExtensionId());
      producer.level().onLevel(level, nowMillis);
    }
    boolean keyframe = producer.isKeyframe(p.payloadType(), buf, p.payloadOffset(), p.payloadLength());
    if (producer.isVideo()) {
      noteLayerActivity(enc, p, keyframe, nowNanos);
    }
    PacketInfo info = new PacketInfo(p, enc, nowNanos, level, keyframe);
    for (Consumer c : producer.consumers()) {
      c.onPacket(info);
    }
  }

  /**
   * The encoding of a packet on its primary or its RTX SSRC. An SSRC not seen before is placed by
   * its producer's {@link LayerTable} from the packet's mid (RFC 8843 §15), rid and repaired rid
   * (RFC 8852) header extensions; once bound it never moves to another encoding or role, so a
   * retransmission is never unwrapped into another layer's sequence space.
   */
  private Encoding encodingFor(RtpPacket p) {
    layerRejected = false;
    Encoding known = encodingsBySsrc.get(p.ssrc());
    if (known == null) {
      known = encodingsByRtxSsrc.get(p.ssrc());
    }
    if (known != null) {
      return known.producer().isSimulcast() ? checked(known, p) : known;
    }
    for (Producer candidate : producersByMid.values()) {
      String mid = RtpExtensions.mid(p, candidate.midExtensionId());
      if (mid != null) {
        Producer byMid = producersByMid.get(mid);
        return byMid == null ? null : learnSsrc(byMid, p);
      }
    }
    return null;
  }

  /** A known SSRC of a simulcast track whose packet names a rid or rrid: it must agree with the binding. */
  private Encoding checked(Encoding known, RtpPacket p) {
    Producer producer = known.producer();
    String rid = RtpExtensions.rtpStreamId(p, producer.ridExtensionId());
    String rrid = RtpExtensions.repairedRtpStreamId(p, producer.repairedRidExtensionId());
    if (rid == null && rrid == null) {
      return known;
    }
    LayerMatch m = producer.layers().classify(p.ssrc(), rid, rrid, producer.isRtxPayloadType(p.payloadType()));
    return m.accepted() ? known : rejected(m);
  }

  /** Counts a packet the layer table refused (an unknown rid, or a rid or role its SSRC is not bound to). */
  private Encoding rejected(LayerMatch m) {
    if (m.outcome() == LayerMatch.Outcome.UNKNOWN_RID) {
      metrics.drop(DropReason.UNKNOWN_RID);
      layerRejected = true;
    } else if (m.outcome() == LayerMatch.Outcome.CONFLICT) {
      metrics.drop(DropReason.LAYER_CONFLICT);
      layerRejected = true;
    }
    return null;
  }

  private Encoding learnSsrc(Producer producer, RtpPacket p) {
    String rid = RtpExtensions.rtpStreamId(p, producer.ridExtensionId());
    String rrid = RtpExtensions.repairedRtpStreamId(p, producer.repairedRidExtensionId());
    LayerMatch m = producer.layers().classify(p.ssrc(), rid, rrid, producer.isRtxPayloadType(p.payloadType()));
    if (!m.accepted()) {
      return rejected(m);
    }
    Encoding e = producer.encodings().get(m.layer());
    if (m.isRtx()) {
      if (e.rtxSsrcKnown()) {
        encodingsByRtxSsrc.remove(e.rtxSsrc(), e);
      }
      e.setRtxSsrc(p.ssrc());
      encodingsByRtxSsrc.put(p.ssrc(), e);
    } else {
      if (e.ssrcKnown()) {
        encodingsBySsrc.remove(e.ssrc(), e);
      }
      e.setSsrc(p.ssrc());
      encodingsBySsrc.put(p.ssrc(), e);
    }
    return e;
  }

  /** Feeds the layer selection: this encoding arrives, its size, and the height a VP8 key frame announces. */
  static void noteLayerActivity(Encoding enc, RtpPacket p, boolean keyframe, long nowNanos) {
    Producer producer = enc.producer();
    producer.activity().onPacket(enc.index(), p.length(), nowNanos);
    if (keyframe && producer.isVp8()) {
      Vp8Descriptor d = Vp8Descriptor.parse(p.buffer(), p.payloadOffset(), p.payloadLength());
      if (d != null) {
        producer.activity().onKeyframeHeight(enc.index(), d.keyframeHeight(p.buffer(), p.payloadOffset() + p.payloadLength()));
      }
    }
  }

  private void recordTwcc(RtpPacket p, long nowNanos) {
    int id = -1;
    for (Producer any : producersByMid.values()) {
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
    if (twcc == null) {
      twcc = new TwccRecorder(SFU_SSRC, p.ssrc());
    }
    twcc.record(seq, nowNanos / 1000);
  }

  /** Asks the publisher for a keyframe of one video encoding (PLI, RFC 4585 §6.3.1), throttled. */
  public void requestKeyframe(Encoding e, long nowMillis) {
    if (!e.producer().isVideo() || !e.ssrcKnown() || !transport.isConnected() || !e.tryKeyframeRequest(nowMillis)) {
      return;
    }
    sendPli(e);
  }

  private void sendPli(Encoding e) {
    transport.sendRtcp(new RtcpPli(SFU_SSRC, e.ssrc()));
    metrics.keyframeRequested();
  }

  /** Sends the keyframe requests that were throttled and whose interval has passed. */
  private void sendDueKeyframeRequests(long nowMillis) {
    if (!transport.isConnected()) {
      return;
    }
    for (Producer p : producersByMid.values()) {
      for (Encoding e : p.encodings()) {
        if (e.ssrcKnown() && e.keyframeRequestDue(nowMillis)) {
          sendPli(e);
        }
      }
    }
  }

  /**
   * RTCP from the publisher: each sender report goes to every consumer of its encoding (a WebRTC
   * subscriber translates it for lip sync, RFC 3550 §6.4.1); the rest (SDES, RR of its own, ...)
   * is checked for well-formedness only.
   */
  public void onRtcp(byte[] buf, int len, long nowNanos) {
    RtcpCompound compound = new RtcpCompound(buf, 0, len);
    try {
      while (compound.next()) {
        if (compound.packetType() == RtcpHeader.SR) {
          onSenderReport(RtcpSr.parse(buf, compound.packetOffset(), compound.packetLength()), nowNanos);
        }
      }
    } catch (RtcpException e) {
      metrics.drop(DropReason.MALFORMED_RTCP);
    }
  }

  private void onSenderReport(RtcpSr sr, long nowNanos) {
    Encoding e = encodingsBySsrc.get(sr.ssrc());
    if (e == null) {
      return;
    }
    e.reception().onSenderReport(sr.ntpTimestamp(), nowNanos);
    for (Consumer c : e.producer().consumers()) {
      c.onSenderReport(e, sr);
    }
  }

  /** The worst fraction lost of any encoding in our last receiver report to the publisher, 0..1. */
  public double lossFraction() {
    return lossFraction;
  }

  /** Periodic upstream feedback: transport-wide feedback, NACK retries, receiver reports when due. */
  public void tick(long nowMillis) {
    flushTwcc();
    repair.sendDueNacks(producersByMid.values(), nowMillis);
    sendDueKeyframeRequests(nowMillis);
    if (nowMillis - lastReceiverReportMillis >= RECEIVER_REPORT_MILLIS) {
      lastReceiverReportMillis = nowMillis;
      sendReceiverReport(nowMillis * 1_000_000L);
    }
  }

  /** Receiver report on every encoding the publisher sends us (loss, jitter, LSR/DLSR; RFC 3550 §6.4.2). */
  private void sendReceiverReport(long nowNanos) {
    if (!transport.isConnected()) {
      return;
    }
    List<ReportBlock> blocks = new ArrayList<>();
    for (Producer p : producersByMid.values()) {
      for (Encoding e : p.encodings()) {
        if (e.ssrcKnown() && e.hasReception() && blocks.size() < 31) {
          blocks.add(e.reception().report(nowNanos));
        }
      }
    }
    if (!blocks.isEmpty()) {
      lossFraction = blocks.stream().mapToInt(ReportBlock::fractionLost).max().orElse(0) / 256.0;
      transport.sendRtcp(new RtcpRr(SFU_SSRC, blocks));
    }
  }

  private void flushTwcc() {
    if (twcc == null || !transport.isConnected()) {
      return;
    }
    for (RtcpTwcc fb = twcc.buildFeedback(); fb != null; fb = twcc.buildFeedback()) {
      transport.sendRtcp(fb);
    }
  }
}
