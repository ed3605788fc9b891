package io.confero.sfu.media;

import io.confero.media.rtp.PaddingPacket;
import io.confero.media.rtp.RtpPacket;
import io.confero.sfu.bwe.ProbeBitrateEstimator;
import io.confero.sfu.bwe.ProbeCluster;
import io.confero.sfu.bwe.ProbeController;
import io.confero.sfu.transport.WebRtcTransport;
import java.util.Collection;

/**
 * Probes one subscriber's downlink upward (issue 13): asks the {@link ProbeController} on every
 * router tick whether the allocation wants more than the estimate, and sends the cluster it decides
 * on as padding-only packets ({@link PaddingPacket}) on the RTX stream of one of the subscriber's
 * video consumers (its negotiated RTX SSRC and payload type, the RTX stream's own sequence), stamped
 * with the transport-wide sequence like media, paced at the cluster's rate with the worker's timers.
 * The feedback's measurement of the cluster goes back to the controller. Nothing is sent to a
 * subscriber without an RTX stream or transport-cc. Worker event loop only.
 */
final class DownlinkProbe {
  /** Padding octets of the smallest probe packet. */
  static final int MIN_PADDING = 32;

  private final Downlink downlink;
  private final PacerClock clock;
  private final ProbeController controller = new ProbeController(PaddingPacket.length(MIN_PADDING),
      PaddingPacket.length(PaddingPacket.MAX_PADDING));
  private ProbeCluster cluster;
  private WebRtcConsumer carrier;
  private long clusterStart;
  private int sentInCluster;
  private long probePackets;

  DownlinkProbe(Downlink downlink, PacerClock clock) {
    this.downlink = downlink;
    this.clock = clock;
  }

  /** Starts a cluster when the controller wants one and a consumer can carry it. */
  void tick(Collection<WebRtcConsumer> consumers, long estimateBps, long wantedBps) {
    if (cluster != null || !downlink.isConnected()) {
      return;
    }
    WebRtcConsumer c = carrierAmong(consumers);
    if (c == null) {
      return;
    }
    long now = clock.nowMicros();
    ProbeCluster next = controller.process(estimateBps, wantedBps, now);
    if (next != null) {
      cluster = next;
      carrier = c;
      clusterStart = now;
      sentInCluster = 0;
      downlink.onProbeStarted(next, now);
      sendDue();
    }
  }

  /** The feedback measured a cluster. */
  void onResult(ProbeBitrateEstimator.Result result) {
    controller.onResult(result.clusterId(), result.bps(), clock.nowMicros());
  }

  /** Probe packets sent so far. */
  long packetsSent() {
    return probePackets;
  }

  private static WebRtcConsumer carrierAmong(Collection<WebRtcConsumer> consumers) {
    for (WebRtcConsumer c : consumers) {
      if (c.rtxNegotiated() && c.transportCcId() > 0) {
        return c;
      }
    }
    return null;
  }

  private void sendDue() {
    if (cluster == null) {
      return;
    }
    long elapsed = clock.nowMicros() - clusterStart;
    while (sentInCluster < cluster.packets() && cluster.offsetMicros(sentInCluster) <= elapsed) {
      if (!downlink.isConnected() || !downlink.consumers().contains(carrier)) {
        cluster = null;
        return;
      }
      sendOne();
      sentInCluster++;
    }
    if (sentInCluster >= cluster.packets()) {
      cluster = null;
      return;
    }
    long waitMicros = cluster.offsetMicros(sentInCluster) - elapsed;
    clock.after(Math.max(1, waitMicros / 1000), this::sendDue);
  }

  private void sendOne() {
    int len = cluster.packetBytes();
    byte[] buf = new byte[len + WebRtcTransport.SRTP_ROOM];
    int tcc = carrier.transportCcId();
    PaddingPacket.write(buf, 0, (int) carrier.rtxSsrc(), carrier.rtxPt(), carrier.nextRtxSeq(), 0, tcc,
        len - PaddingPacket.HEADER_LENGTH);
    downlink.sendProbe(RtpPacket.parse(buf, 0, len), buf, len, tcc, cluster, clock.nowMicros());
    probePackets++;
  }
}
