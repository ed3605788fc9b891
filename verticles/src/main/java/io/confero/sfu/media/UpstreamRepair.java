package io.confero.sfu.media;

import io.confero.media.rtcp.RtcpNack;
import io.confero.media.rtp.RtpPacket;
import io.confero.media.rtp.Rtx;
import io.confero.sfu.forward.NackGenerator;
import io.confero.sfu.metrics.DropReason;
import io.confero.sfu.metrics.SfuMetrics;
import io.confero.sfu.transport.WebRtcTransport;
import java.util.Arrays;
import java.util.Collection;

/**
 * Repairs losses between one publisher and the SFU, as Jitsi Videobridge and mediasoup do: each
 * video encoding's primary SSRC goes through a {@link NackGenerator}; gaps are NACKed to the
 * publisher (RFC 4585 §6.2.1) at once and retried from the worker's tick; the publisher's RTX
 * packets (RFC 4588) that repair a missing packet are unwrapped into the original and forwarded
 * like it (late, with the sequence number subscribers expect), other RTX packets (bandwidth probes,
 * repeats) are dropped. Runs on the worker's event loop only; allocates only when it sends a NACK.
 */
final class UpstreamRepair {
  private final WebRtcTransport publisher;
  private final SfuMetrics metrics;

  UpstreamRepair(WebRtcTransport publisher, SfuMetrics metrics) {
    this.publisher = publisher;
    this.metrics = metrics;
  }

  /**
   * Restores a publisher's RTX packet to the original in place (RFC 4588 §4) when it repairs a
   * packet we are missing; padding-only probes and repeats of packets we have are dropped.
   *
   * @return the original packet over {@code buf}, or null when dropped
   */
  RtpPacket unwrapRtx(Encoding encoding, RtpPacket rtx, byte[] buf, long nowMillis) {
    int pt = encoding.producer().primaryPayloadTypeFor(rtx.payloadType());
    int osn = Rtx.originalSequenceNumber(rtx);
    if (pt < 0 || osn < 0 || !encoding.ssrcKnown()) {
      metrics.drop(DropReason.RTX_PADDING);
      return null;
    }
    NackGenerator nack = encoding.nack();
    NackGenerator.Outcome o = nack == null ? null : nack.onPacket(osn, nowMillis);
    if (o == NackGenerator.Outcome.DUPLICATE) {
      metrics.drop(DropReason.RTX_DUPLICATE);
      return null;
    }
    if (o == NackGenerator.Outcome.RECOVERED) {
      metrics.nackRecovered();
    }
    int len = Rtx.unwrapInPlace(rtx, encoding.ssrc(), pt);
    RtpPacket original = len < 0 ? null : RtpPacket.parse(buf, 0, len);
    if (original == null) {
      metrics.drop(DropReason.MALFORMED_RTP);
    }
    return original;
  }

  /**
   * Loss detection on an encoding's primary SSRC: a new gap is NACKed at once.
   *
   * @return true when so much was lost that the caller should request a keyframe instead
   */
  boolean detectLoss(Encoding encoding, int seq, long nowMillis) {
    NackGenerator nack = encoding.nack();
    if (nack == null) {
      return false;
    }
    NackGenerator.Outcome o = nack.onPacket(seq, nowMillis);
    if (o == NackGenerator.Outcome.RECOVERED) {
      metrics.nackRecovered();
    } else if (o == NackGenerator.Outcome.TOO_MANY_LOST) {
      return true;
    } else if (nack.isDue(nowMillis)) {
      sendNack(encoding, nowMillis);
    }
    return false;
  }

  /** Sends a generic NACK (RFC 4585 §6.2.1) for an encoding's missing packets that are due for a request. */
  private void sendNack(Encoding encoding, long nowMillis) {
    NackGenerator nack = encoding.nackIfStarted();
    if (nack == null || !nack.isDue(nowMillis) || !publisher.isConnected()) {
      return;
    }
    int[] batch = encoding.nackBatch();
    int n = nack.collect(nowMillis, batch);
    if (n > 0) {
      publisher.sendRtcp(RtcpNack.of(Uplink.SFU_SSRC, encoding.ssrc(), Arrays.copyOf(batch, n)));
      metrics.nackSent();
    }
  }

  /** Retries (and expiry) of outstanding NACKs when no packet of the publisher's arrives to trigger them. */
  void sendDueNacks(Collection<Producer> producers, long nowMillis) {
    for (Producer p : producers) {
      for (Encoding e : p.encodings()) {
        sendNack(e, nowMillis);
      }
    }
  }
}
