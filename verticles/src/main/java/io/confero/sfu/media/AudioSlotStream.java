package io.confero.sfu.media;

import io.confero.media.rtcp.RtcpSr;
import io.confero.media.rtp.RtpPacket;
import io.confero.media.sdp.MediaKind;
import io.confero.media.sdp.OutgoingTrack;
import io.confero.media.sdp.RtpCodec;
import io.confero.sfu.forward.ForwardDecision;
import io.confero.sfu.forward.Forwarder;
import io.confero.sfu.metrics.DropReason;
import io.confero.sfu.metrics.SfuMetrics;
import java.util.List;
import java.util.Map;

/**
 * One audio slot of one subscriber in a large meeting: a single outgoing Opus stream (own SSRC,
 * own m-section) that carries whichever participant the subscriber's
 * {@link io.confero.sfu.forward.AudioSlotSelector} put in the slot, switching source seamlessly —
 * the {@link Forwarder} continues sequence numbers and timestamps across sources, as Jitsi
 * Videobridge's SSRC rewriting does for its pool of receive SSRCs. The packets of the carried
 * producer reach it through that producer's {@link AudioSlotFeed}. Runs on the worker's event loop
 * only.
 */
public final class AudioSlotStream {
  private final Downlink downlink;
  private final SfuMetrics metrics;
  private final String mid;
  private final int slot;
  private final int outSsrc;
  /** Opus with the payload type of the subscriber's bundle. */
  private final RtpCodec codec;
  private final Forwarder forwarder;
  /** The producer carried now; null while the slot is silent. */
  private Producer source;
  private final SubscriberExtensions extensions = new SubscriberExtensions();
  private long packetsSent;
  private long octetsSent;

  public AudioSlotStream(Downlink downlink, SfuMetrics metrics, String mid, int slot, RtpCodec codec,
      WebRtcConsumer.StreamIds ids) {
    this.downlink = downlink;
    this.metrics = metrics;
    this.mid = mid;
    this.slot = slot;
    this.outSsrc = ids.ssrc();
    this.codec = codec;
    this.forwarder = new Forwarder(outSsrc, codec.clockRate(), false, ids.initialSeq() & 0xFFFF, ids.initialTs());
  }

  public String mid() {
    return mid;
  }

  public int slot() {
    return slot;
  }

  public int outSsrc() {
    return outSsrc;
  }

  /** The producer carried now, or null. */
  public Producer source() {
    return source;
  }

  /** Carries {@code producer} from its next packet on (null: the slot goes silent). */
  public void carry(Producer producer) {
    if (producer == source) {
      return;
    }
    source = producer;
    if (producer == null) {
      forwarder.pause();
    }
  }

  /** The header extensions the subscriber's answer kept for this m-section (URI → id, RFC 8285). */
  public void setSubscriberExtensions(Map<String, Integer> extensions) {
    this.extensions.set(extensions);
  }

  /** One packet of a producer this slot carries (its feed calls only the slots that carry it). */
  void onPacket(PacketInfo info) {
    if (info.producer() != source) {
      metrics.drop(DropReason.NOT_SELECTED);
      return;
    }
    if (!downlink.isConnected()) {
      metrics.drop(DropReason.NO_SUBSCRIBER_TRANSPORT);
      return;
    }
    RtpPacket in = info.packet();
    if (forwarder.isPaused() || forwarder.targetSource() != in.ssrc()) {
      forwarder.switchTo(in.ssrc());
    }
    ForwardDecision d = forwarder.decide(in.ssrc(), in.sequenceNumber(), in.timestamp(), in.marker(), true,
        info.arrivalNanos());
    if (!d.isForward()) {
      metrics.drop(d.reason());
      return;
    }
    RtpPacket q = OutgoingPackets.rewrittenCopy(in, d, codec.payloadType());
    extensions.retag(source.headerExtensions(), q);
    packetsSent++;
    octetsSent += q.payloadLength();
    downlink.sendRtp(q, q.buffer(), q.length(), extensions.transportCcId(), info.arrivalNanos() / 1000);
  }

  /** The carried producer's sender report, translated into this slot's SSRC and timestamp space. */
  void onSenderReport(RtcpSr sr) {
    OutgoingPackets.senderReport(downlink, forwarder, sr, packetsSent, octetsSent);
  }

  /** The m-section our subscriber offer has for this slot (msid stream {@code audio-slots}). */
  public OutgoingTrack outgoing() {
    RtpCodec offered = new RtpCodec(codec.payloadType(), codec.name(), codec.clockRate(), codec.channels(),
        codec.fmtp(), -1);
    return new OutgoingTrack(mid, MediaKind.AUDIO, List.of(offered), Integer.toUnsignedLong(outSsrc), -1,
        "confero", "audio-slots", "slot-" + slot);
  }

  /** The subscriber left or the meeting went back to one stream per participant. */
  public void close() {
    source = null;
    forwarder.pause();
    if (downlink.transport() != null) {
      downlink.transport().forgetOutboundSsrc(outSsrc);
    }
  }
}
