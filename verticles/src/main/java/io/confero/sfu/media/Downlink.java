package io.confero.sfu.media;

import io.confero.media.rtcp.RtcpCompound;
import io.confero.media.rtcp.RtcpException;
import io.confero.media.rtcp.RtcpFir;
import io.confero.media.rtcp.RtcpHeader;
import io.confero.media.rtcp.RtcpNack;
import io.confero.media.rtcp.RtcpPacket;
import io.confero.media.rtcp.RtcpPli;
import io.confero.media.rtcp.RtcpTwcc;
import io.confero.media.rtp.RtpExtensions;
import io.confero.media.rtp.RtpPacket;
import io.confero.sfu.bwe.AllocationGovernor;
import io.confero.sfu.bwe.BweConfig;
import io.confero.sfu.bwe.ProbeCluster;
import io.confero.sfu.bwe.RtxBudget;
import io.confero.sfu.bwe.SendSideBwe;
import io.confero.sfu.metrics.DropReason;
import io.confero.sfu.metrics.SfuMetrics;
import io.confero.sfu.transport.WebRtcTransport;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * A subscriber's receive side on this worker: its transport (created with its first offer), its
 * {@link WebRtcConsumer consumers} by outgoing SSRC, the transport-wide sequence stamped on what
 * we send, and the RTCP it sends us (keyframe requests go to the consumer, NACKs are answered from
 * the consumer's cache, within the subscriber's {@link RtxBudget}). Every packet stamped with a
 * transport-wide sequence number goes into the subscriber's {@link SendSideBwe}; each transport-cc
 * feedback updates the estimate, the RTX budget and the {@link DownlinkAllocation} of the estimate
 * over the consumers; a {@link DownlinkProbe} probes upward when the allocation wants more than the
 * estimate. Runs on the worker's event loop only.
 */
public final class Downlink {
  private final SfuMetrics metrics;
  private final Map<Integer, WebRtcConsumer> consumersBySsrc = new HashMap<>();
  private final SendSideBwe bwe = new SendSideBwe(BweConfig.DEFAULT);
  private final RtxBudget rtxBudget = new RtxBudget(BweConfig.DEFAULT.startBps());
  private final DownlinkAllocation allocation = new DownlinkAllocation();
  private final DownlinkProbe probe;
  private WebRtcTransport transport;

  /** @param clock the worker's clock and timers, for pacing bandwidth probes */
  public Downlink(SfuMetrics metrics, PacerClock clock) {
    this.metrics = metrics;
    this.probe = new DownlinkProbe(this, clock);
  }

  /** The subscriber transport, or null before the first offer. */
  public WebRtcTransport transport() {
    return transport;
  }

  public void attach(WebRtcTransport transport) {
    this.transport = transport;
  }

  public boolean isConnected() {
    return transport != null && transport.isConnected();
  }

  void register(WebRtcConsumer c) {
    consumersBySsrc.put(c.outSsrc(), c);
  }

  /** Forgets a removed consumer's SSRCs, here and in the transport's SRTP state. */
  void unregister(WebRtcConsumer c) {
    consumersBySsrc.remove(c.outSsrc(), c);
    if (transport != null) {
      transport.forgetOutboundSsrc(c.outSsrc());
      if (c.rtxSsrc() >= 0) {
        transport.forgetOutboundSsrc((int) c.rtxSsrc());
      }
    }
  }

  /**
   * Stamps our transport-wide sequence number (when the subscriber negotiated the extension and the
   * packet carries its element: a publisher that sends none, like the load generator, gets none
   * stamped, and such packets stay outside the estimate rather than reading as lost) and sends.
   */
  void sendRtp(RtpPacket q, byte[] buf, int len, int transportCcId, long nowMicros) {
    if (transportCcId > 0 && RtpExtensions.setTransportSequence(q, transportCcId, 0)) {
      int seq = transport.nextTransportSeq();
      RtpExtensions.setTransportSequence(q, transportCcId, seq);
      bwe.onPacketSent(seq, len, nowMicros);
    }
    if (transport.sendRtp(buf, len)) {
      metrics.forwarded(len);
    }
  }

  /** A probe cluster is about to start: the estimator measures its packets together. */
  void onProbeStarted(ProbeCluster cluster, long nowMicros) {
    bwe.onProbeStarted(cluster, nowMicros);
  }

  /** Stamps and sends one padding packet of probe {@code cluster} (its size counts in the estimate). */
  void sendProbe(RtpPacket q, byte[] buf, int len, int transportCcId, ProbeCluster cluster, long nowMicros) {
    int seq = transport.nextTransportSeq();
    RtpExtensions.setTransportSequence(q, transportCcId, seq);
    bwe.onProbeSent(seq, len, nowMicros, cluster);
    if (transport.sendRtp(buf, len)) {
      metrics.probeSent();
    }
  }

  /** Periodic work (the router's tick): probes the downlink when the allocation wants more than the estimate. */
  public void tick() {
    probe.tick(consumersBySsrc.values(), bwe.estimateBps(), allocation.wantedBps());
  }

  /** What this subscriber's retransmissions may still spend. */
  RtxBudget rtxBudget() {
    return rtxBudget;
  }

  /** The current send-side estimate toward this subscriber, bits per second. */
  public long estimateBps() {
    return bwe.estimateBps();
  }

  /** Loss toward the subscriber in the last complete span of transport-cc feedback, 0..1. */
  public double lossFraction() {
    return bwe.lossFraction();
  }

  /** What the subscriber's tiles would use at their desired layers, at the last allocation. */
  public long wantedBps() {
    return allocation.wantedBps();
  }

  /** The consumers (by outgoing SSRC), for what the router reports about them. */
  public Collection<WebRtcConsumer> consumers() {
    return Collections.unmodifiableCollection(consumersBySsrc.values());
  }

  void sendRtcp(RtcpPacket packet) {
    transport.sendRtcp(packet);
  }

  /** RTCP from the subscriber: keyframe requests go upstream, NACKs are answered from the sent cache. */
  public void onRtcp(byte[] buf, int len, long nowMillis) {
    RtcpCompound compound = new RtcpCompound(buf, 0, len);
    try {
      while (compound.next()) {
        int type = compound.packetType();
        int fmt = compound.count();
        int off = compound.packetOffset();
        int plen = compound.packetLength();
        if (type == RtcpHeader.PSFB && fmt == RtcpPli.FMT) {
          keyframeFor(RtcpPli.parse(buf, off, plen).mediaSsrc());
        } else if (type == RtcpHeader.PSFB && fmt == RtcpFir.FMT) {
          for (RtcpFir.Entry e : RtcpFir.parse(buf, off, plen).entries()) {
            keyframeFor(e.ssrc());
          }
        } else if (type == RtcpHeader.RTPFB && fmt == RtcpNack.FMT) {
          RtcpNack nack = RtcpNack.parse(buf, off, plen);
          WebRtcConsumer c = consumersBySsrc.get(nack.mediaSsrc());
          if (c != null) {
            c.retransmit(nack.lostSequenceNumbers(), nowMillis);
          }
        } else if (type == RtcpHeader.RTPFB && fmt == RtcpTwcc.FMT) {
          onTransportFeedback(RtcpTwcc.parse(buf, off, plen), nowMillis * 1000);
        }
      }
    } catch (RtcpException e) {
      metrics.drop(DropReason.MALFORMED_RTCP);
    }
  }

  private void onTransportFeedback(RtcpTwcc feedback, long nowMicros) {
    long estimate = bwe.onFeedback(feedback, nowMicros);
    if (bwe.lastProbe() != null) {
      probe.onResult(bwe.lastProbe());
    }
    rtxBudget.setEstimate(estimate);
    metrics.bandwidthEstimate(estimate);
    allocation.apply(consumersBySsrc.values(), Math.max(0, estimate - rtxBudget.recentBps(nowMicros)),
        new AllocationGovernor.Delivery(bwe.lossFraction(), bwe.ackedBitrateBps()), nowMicros);
  }

  private void keyframeFor(int ssrc) {
    WebRtcConsumer c = consumersBySsrc.get(ssrc);
    if (c != null) {
      c.requestKeyframe();
    }
  }
}
