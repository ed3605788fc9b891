package io.confero.sfu;

import io.confero.media.rtcp.RtcpNack;
import io.confero.media.rtp.RtpPacket;
import io.confero.media.rtp.Rtx;
import io.confero.sfu.forward.NackGenerator;
import java.util.Arrays;

/**
 * Repairs losses between publishers and the SFU, as Jitsi Videobridge and mediasoup do: each video
 * producer's primary SSRC goes through a {@link NackGenerator}; gaps are NACKed to the publisher
 * (RFC 4585 §6.2.1) at once and retried from the worker's tick; the publisher's RTX packets
 * (RFC 4588) that repair a missing packet are unwrapped into the original and forwarded like it
 * (late, with the sequence number subscribers expect), other RTX packets (bandwidth probes,
 * repeats) are dropped. Runs on the worker's event loop only; allocates only when it sends a NACK.
 */
final class UpstreamRepair {
  private final WorkerEnv env;

  UpstreamRepair(WorkerEnv env) {
    this.env = env;
  }

  /**
   * Restores a publisher's RTX packet to the original in place (RFC 4588 §4) when it repairs a
   * packet we are missing; padding-only probes and repeats of packets we have are dropped.
   *
   * @return the original packet over {@code buf}, or null when dropped
   */
  RtpPacket unwrapRtx(Producer producer, RtpPacket rtx, byte[] buf, long nowMillis) {
    int pt = producer.primaryPayloadTypeFor(rtx.payloadType());
    int osn = Rtx.originalSequenceNumber(rtx);
    if (pt < 0 || osn < 0 || !producer.ssrcKnown) {
      env.metrics().drop(SfuDrop.RTX_PADDING);
      return null;
    }
    NackGenerator nack = producer.nack();
    NackGenerator.Outcome o = nack == null ? null : nack.onPacket(osn, nowMillis);
    if (o == NackGenerator.Outcome.DUPLICATE) {
      env.metrics().drop(SfuDrop.RTX_DUPLICATE);
      return null;
    }
    if (o == NackGenerator.Outcome.RECOVERED) {
      env.metrics().nackRecovered();
    }
    int len = Rtx.unwrapInPlace(rtx, producer.ssrc, pt);
    RtpPacket original = len < 0 ? null : RtpPacket.parse(buf, 0, len);
    if (original == null) {
      env.metrics().drop(SfuDrop.MALFORMED_RTP);
    }
    return original;
  }

  /**
   * Loss detection on a publisher's primary SSRC: a new gap is NACKed at once.
   *
   * @return true when so much was lost that the caller should request a keyframe instead
   */
  boolean detectLoss(Producer producer, int seq, long nowMillis) {
    NackGenerator nack = producer.nack();
    if (nack == null) {
      return false;
    }
    NackGenerator.Outcome o = nack.onPacket(seq, nowMillis);
    if (o == NackGenerator.Outcome.RECOVERED) {
      env.metrics().nackRecovered();
    } else if (o == NackGenerator.Outcome.TOO_MANY_LOST) {
      return true;
    } else if (nack.isDue(nowMillis)) {
      sendNack(producer, nowMillis);
    }
    return false;
  }

  /** Sends a generic NACK (RFC 4585 §6.2.1) for a producer's missing packets that are due for a request. */
  private void sendNack(Producer producer, long nowMillis) {
    WebRtcTransport pub = producer.owner.publisher;
    NackGenerator nack = producer.nack;
    if (nack == null || !nack.isDue(nowMillis) || pub == null || !pub.isConnected()) {
      return;
    }
    int n = nack.collect(nowMillis, producer.nackBatch);
    if (n > 0) {
      RtpRelay.sendRtcp(pub, RtcpNack.of(RtpRelay.SFU_SSRC, producer.ssrc, Arrays.copyOf(producer.nackBatch, n)));
      env.metrics().nackSent();
    }
  }

  /** Retries (and expiry) of a publisher's outstanding NACKs when no packet of theirs arrives to trigger them. */
  void sendDueNacks(Peer peer, long nowMillis) {
    for (Producer p : peer.producersByMid.values()) {
      sendNack(p, nowMillis);
    }
  }
}
