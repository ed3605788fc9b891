package io.confero.sfu;

import io.confero.media.sdp.MediaKind;
import io.confero.media.sdp.OutgoingTrack;
import io.confero.media.sdp.RtpCodec;
import io.confero.sfu.forward.Forwarder;
import io.confero.sfu.forward.PacketCache;
import java.util.List;

/**
 * One producer's track as sent to one subscriber: its own SSRC, sequence and timestamp space, and
 * for video an RFC 4588 retransmission stream (own SSRC, the publisher's rtx payload type, own
 * sequence numbers) used once the subscriber's answer accepts it.
 */
final class Consumer {
  final Producer producer;
  final Peer subscriber;
  final String mid;
  final int outSsrc;
  /** SSRC of our RTX stream, announced with {@code a=ssrc-group:FID outSsrc rtxSsrc}; -1 when none is offered. */
  final long rtxSsrc;
  /** The rtx payload type (apt = the primary's), -1 when none is offered. */
  final int rtxPt;
  final Forwarder forwarder;
  /** The rewritten packets last sent, by outgoing sequence number, for NACK retransmission. */
  final PacketCache sent;
  /** RTP packets and payload octets sent on {@link #outSsrc} (RFC 3550 §6.4.1 sender counts). */
  long packetsSent;
  /** The subscriber does not show this track (video_quality 0): nothing is forwarded. */
  boolean pausedByReceiver;
  long octetsSent;
  /** The subscriber's answer accepted the rtx payload type: retransmissions go on {@link #rtxSsrc}. */
  boolean rtxNegotiated;
  private int rtxSeq;

  /**
   * @param rtxSsrc a random SSRC for the RTX stream (used only for video whose publisher negotiated rtx)
   * @param initialRtxSeq the RTX stream's first sequence number (random, RFC 3550 §5.1)
   */
  Consumer(Producer producer, Peer subscriber, String mid, int outSsrc, int initialSeq, long initialTs,
      int rtxSsrc, int initialRtxSeq) {
    this.producer = producer;
    this.subscriber = subscriber;
    this.mid = mid;
    this.outSsrc = outSsrc;
    boolean rtx = producer.isVideo() && producer.primaryCodec().hasRtx();
    this.rtxSsrc = rtx ? Integer.toUnsignedLong(rtxSsrc == outSsrc ? rtxSsrc ^ 1 : rtxSsrc) : -1;
    this.rtxPt = rtx ? producer.primaryCodec().rtxPayloadType() : -1;
    this.rtxSeq = initialRtxSeq & 0xFFFF;
    this.forwarder = new Forwarder(outSsrc, producer.clockRate(), producer.isVideo(), initialSeq, initialTs);
    this.sent = producer.isVideo() ? new PacketCache(512, 2000) : null;
  }

  /** The next sequence number of the RTX stream (RFC 4588 §4: its own, consecutive). */
  int nextRtxSeq() {
    int seq = rtxSeq;
    rtxSeq = (rtxSeq + 1) & 0xFFFF;
    return seq;
  }

  OutgoingTrack outgoing() {
    RtpCodec c = producer.primaryCodec();
    RtpCodec offered = new RtpCodec(c.payloadType(), c.name(), c.clockRate(), c.channels(), c.fmtp(), rtxPt);
    return new OutgoingTrack(mid, producer.isVideo() ? MediaKind.VIDEO : MediaKind.AUDIO, List.of(offered),
        Integer.toUnsignedLong(outSsrc), rtxSsrc, "confero", producer.owner.participantId, producer.trackId);
  }
}
