package io.confero.sfu;

import io.confero.media.sdp.MediaKind;
import io.confero.media.sdp.OutgoingTrack;
import io.confero.sfu.forward.Forwarder;
import io.confero.sfu.forward.PacketCache;
import java.util.List;

/** One producer's track as sent to one subscriber: its own SSRC, sequence and timestamp space. */
final class Consumer {
  final Producer producer;
  final Peer subscriber;
  final String mid;
  final int outSsrc;
  final Forwarder forwarder;
  /** The rewritten packets last sent, by outgoing sequence number, for NACK retransmission. */
  final PacketCache sent;
  /** RTP packets and payload octets sent on {@link #outSsrc} (RFC 3550 §6.4.1 sender counts). */
  long packetsSent;
  long octetsSent;

  Consumer(Producer producer, Peer subscriber, String mid, int outSsrc, int initialSeq, long initialTs) {
    this.producer = producer;
    this.subscriber = subscriber;
    this.mid = mid;
    this.outSsrc = outSsrc;
    this.forwarder = new Forwarder(outSsrc, producer.clockRate(), producer.isVideo(), initialSeq, initialTs);
    this.sent = producer.isVideo() ? new PacketCache(512, 2000) : null;
  }

  OutgoingTrack outgoing() {
    return new OutgoingTrack(mid, producer.isVideo() ? MediaKind.VIDEO : MediaKind.AUDIO,
        List.of(withoutRtx(producer.primaryCodec())), Integer.toUnsignedLong(outSsrc), -1,
        "confero", producer.owner.participantId, producer.trackId);
  }

  private static io.confero.media.sdp.RtpCodec withoutRtx(io.confero.media.sdp.RtpCodec c) {
    return new io.confero.media.sdp.RtpCodec(c.payloadType(), c.name(), c.clockRate(), c.channels(), c.fmtp(), -1);
  }
}
