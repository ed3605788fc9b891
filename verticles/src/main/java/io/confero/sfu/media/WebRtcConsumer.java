package io.confero.sfu.media;

import io.confero.media.rtcp.RtcpSr;
import io.confero.media.rtp.RtpPacket;
import io.confero.media.rtp.Rtx;
import io.confero.media.sdp.OutgoingTrack;
import io.confero.media.sdp.RtpCodec;
import io.confero.sfu.bwe.RetransmissionLimiter;
import io.confero.sfu.bwe.SendSideBwe;
import io.confero.sfu.bwe.TrackDemand;
import io.confero.sfu.bwe.TrackPriority;
import io.confero.sfu.forward.ForwardDecision;
import io.confero.sfu.forward.Forwarder;
import io.confero.sfu.forward.PacketCache;
import io.confero.sfu.metrics.DropReason;
import io.confero.sfu.metrics.SfuMetrics;
import io.confero.sfu.simulcast.LayerSwitcher.SwitchDecision;
import io.confero.sfu.simulcast.Vp8Descriptor;
import io.confero.sfu.simulcast.Vp8Munger;
import io.confero.sfu.transport.WebRtcTransport;
import java.util.List;
import java.util.Map;

/**
 * One producer's track as sent to one WebRTC subscriber (LiveKit's DownTrack): its own SSRC,
 * sequence and timestamp space (decided by the pure {@link Forwarder}; this class applies the
 * decision and does the I/O through the subscriber's {@link Downlink}), and for video an RFC 4588
 * retransmission stream (own SSRC, the publisher's rtx payload type, own sequence numbers) used
 * once the subscriber's answer accepts it. Runs on the worker's event loop only.
 */
public final class WebRtcConsumer implements Consumer {
  /** Most times one packet is resent. */
  static final int MAX_RETRANSMITS = 3;
  /**
   * The receiver's jitter-buffer depth assumed for "can it still arrive in time": a resend older than
   * this (plus half an RTT) is useless, and none is sent while the RTT exceeds 0.6 × it.
   */
  static final long JITTER_BUFFER_MICROS = 500_000;
  /** What an audio track is allocated (Opus at its usual rate plus headers). */
  static final long AUDIO_BPS = 64_000;

  private final Producer producer;
  private final Downlink downlink;
  private final Listener listener;
  private final SfuMetrics metrics;
  private final String mid;
  private final int outSsrc;
  /** SSRC of our RTX stream, announced with {@code a=ssrc-group:FID outSsrc rtxSsrc}; -1 when none is offered. */
  private final long rtxSsrc;
  /** The codec with this subscriber's payload types (its bundle's {@link PayloadTypeTable}). */
  private final RtpCodec codec;
  /** The rtx payload type (apt = the primary's), -1 when none is offered. */
  private final int rtxPt;
  private final Forwarder forwarder;
  /** Layer choice and switching of a simulcast producer; null for one encoding. */
  private final SimulcastLayers layers;
  /** Keeps the VP8 payload descriptor continuous across layer switches; null unless VP8. */
  private final Vp8Munger vp8;
  /** The rewritten packets last sent, by outgoing sequence number, for NACK retransmission. */
  private final PacketCache sent;
  /** Rations NACK answers (video only, with {@link #sent}). */
  private final RetransmissionLimiter rtxLimiter;
  /** RTP packets and payload octets sent on {@link #outSsrc} (RFC 3550 §6.4.1 sender counts). */
  private long packetsSent;
  private long octetsSent;
  /** The subscriber does not show this track (video_quality 0): nothing is forwarded. */
  private boolean pausedByReceiver;
  /** The subscriber's answer accepted the rtx payload type: retransmissions go on {@link #rtxSsrc}. */
  private boolean rtxNegotiated;
  private int rtxSeq;
  /** The header extensions the subscriber negotiated for this m-section and the rewrite into them. */
  private final SubscriberExtensions extensions = new SubscriberExtensions();

  /**
   * @param codec the producer's codec with the payload types of the subscriber's bundle
   * @param ids the random SSRCs and initial sequence/timestamp of the outgoing streams
   */
  public WebRtcConsumer(Producer producer, Downlink downlink, Listener listener, SfuMetrics metrics, String mid,
      RtpCodec codec, StreamIds ids) {
    this.producer = producer;
    this.downlink = downlink;
    this.listener = listener;
    this.metrics = metrics;
    this.mid = mid;
    this.outSsrc = ids.ssrc();
    this.codec = codec;
    boolean rtx = producer.isVideo() && codec.hasRtx();
    int rtxSsrc = ids.rtxSsrc() == outSsrc ? ids.rtxSsrc() ^ 1 : ids.rtxSsrc();
    this.rtxSsrc = rtx ? Integer.toUnsignedLong(rtxSsrc) : -1;
    this.rtxPt = rtx ? codec.rtxPayloadType() : -1;
    this.rtxSeq = ids.initialRtxSeq() & 0xFFFF;
    this.forwarder = new Forwarder(outSsrc, producer.clockRate(), producer.isVideo(), ids.initialSeq() & 0xFFFF,
        ids.initialTs());
    this.sent = producer.isVideo() ? new PacketCache(512, 2000) : null;
    this.rtxLimiter = producer.isVideo() ? new RetransmissionLimiter(MAX_RETRANSMITS, JITTER_BUFFER_MICROS) : null;
    this.layers = producer.isVideo() && producer.isSimulcast() ? new SimulcastLayers(producer) : null;
    this.vp8 = producer.isVideo() && producer.isVp8() ? new Vp8Munger() : null;
    downlink.register(this);
  }

  /**
   * The random starting points of a consumer's outgoing streams (RFC 3550 §5.1).
   *
   * @param rtxSsrc the RTX stream's SSRC (used only for video whose publisher negotiated rtx)
   */
  public record StreamIds(int ssrc, int initialSeq, long initialTs, int rtxSsrc, int initialRtxSeq) {}

  @Override
  public Producer producer() {
    return producer;
  }

  public String mid() {
    return mid;
  }

  public int outSsrc() {
    return outSsrc;
  }

  public long rtxSsrc() {
    return rtxSsrc;
  }

  /** The primary payload type in the subscriber's bundle. */
  public int payloadType() {
    return codec.payloadType();
  }

  public int rtxPt() {
    return rtxPt;
  }

  public boolean rtxNegotiated() {
    return rtxNegotiated;
  }

  /** Applies the subscriber's answer: whether it kept our rtx payload type for this track. */
  public void setRtxNegotiated(boolean negotiated) {
    this.rtxNegotiated = negotiated && rtxPt >= 0;
  }

  /**
   * Applies the header extensions the subscriber's answer kept for this m-section (URI → id): each
   * of them the publisher sends is carried at the subscriber's id, every other element dropped.
   */
  public void setSubscriberExtensions(Map<String, Integer> extensions) {
    this.extensions.set(extensions);
  }

  /** The subscriber's transport-wide-cc extension id; -1 before its answer or when not negotiated. */
  public int transportCcId() {
    return extensions.transportCcId();
  }

  /** The next sequence number of the RTX stream (RFC 4588 §4: its own, consecutive). */
  public int nextRtxSeq() {
    int seq = rtxSeq;
    rtxSeq = (rtxSeq + 1) & 0xFFFF;
    return seq;
  }

  /**
   * Stops or resumes forwarding because the subscriber does (not) show the track; resuming video
   * waits for a keyframe, which is requested at once.
   */
  public void setPausedByReceiver(boolean paused) {
    if (pausedByReceiver == paused) {
      return;
    }
    pausedByReceiver = paused;
    if (paused) {
      forwarder.pause();
      if (layers != null) {
        layers.hide();
      }
    } else {
      requestKeyframe();
    }
  }

  /**
   * The subscriber shows the track {@code height} device pixels high ({@code video_quality}): 0
   * pauses it; for simulcast the height picks the layer (a thumbnail the low one, a speaker view
   * the top one).
   */
  public void setTileHeight(int height) {
    if (layers != null) {
      layers.setTileHeight(height);
    }
    setPausedByReceiver(height == 0);
  }

  /** Adds the simulcast layers this consumer needs now to {@code mask} (for dynacast); none while hidden. */
  @Override
  public int neededLayers(int mask) {
    return layers == null || pausedByReceiver ? mask : layers.neededMask(mask);
  }

  /** Whether the subscriber's allocation paused this (wanted) video: not even its lowest layer fits. */
  public boolean pausedForBandwidth() {
    return layers != null && !pausedByReceiver && layers.pausedForBandwidth();
  }

  /** The simulcast layer being forwarded, -1 for none or without simulcast. */
  public int currentLayer() {
    return layers == null ? -1 : layers.current();
  }

  /** The subscriber asked for a keyframe (PLI/FIR) or just connected: ask for one of the layer it gets. */
  public void requestKeyframe() {
    int layer = layers == null ? -1 : layers.target();
    listener.onKeyframeNeeded(this, layer < 0 ? producer.primaryEncoding() : producer.encodings().get(layer));
  }

  @Override
  public void onPacket(PacketInfo info) {
    if (!downlink.isConnected()) {
      metrics.drop(DropReason.NO_SUBSCRIBER_TRANSPORT);
      return;
    }
    if (pausedByReceiver) {
      metrics.drop(DropReason.NOT_SHOWN);
      return;
    }
    RtpPacket in = info.packet();
    if (layers != null) {
      if (!gateLayer(info)) {
        return;
      }
    } else if (forwarder.isPaused()) {
      forwarder.switchTo(in.ssrc());
    }
    ForwardDecision d = forwarder.decide(in.ssrc(), in.sequenceNumber(), in.timestamp(), in.marker(),
        info.keyframe(), info.arrivalNanos());
    if (d.keyframeRequested() || forwarder.keyframeNeeded()) {
      listener.onKeyframeNeeded(this, info.encoding());
    }
    if (!d.isForward()) {
      metrics.drop(d.reason());
      return;
    }
    RtpPacket q = OutgoingPackets.rewrittenCopy(in, d, codec.payloadType());
    byte[] copy = q.buffer();
    if (vp8 != null) {
      Vp8Descriptor desc = Vp8Descriptor.parse(copy, q.payloadOffset(), q.payloadLength());
      if (desc != null) {
        vp8.munge(desc, d.sourceSwitched()).applyTo(desc, copy);
      }
    }
    extensions.retag(producer.headerExtensions(), q);
    if (sent != null) {
      sent.put(q.sequenceNumber(), copy, 0, in.length(), info.arrivalMillis());
    }
    packetsSent++;
    octetsSent += q.payloadLength();
    downlink.sendRtp(q, copy, in.length(), transportCcId(), info.arrivalNanos() / 1000);
  }

  /**
   * The simulcast gate before the forwarder: only the chosen layer passes, a switch starts at the
   * target layer's key frame (the forwarder then continues sequence numbers and aligned
   * timestamps), and key frames are requested while a switch waits.
   */
  private boolean gateLayer(PacketInfo info) {
    SwitchDecision s = layers.onPacket(info);
    if (s.requestKeyframe() && layers.target() >= 0) {
      listener.onKeyframeNeeded(this, producer.encodings().get(layers.target()));
    }
    if (!s.forward()) {
      metrics.drop(info.encoding().index() == layers.target() ? DropReason.WAITING_FOR_KEYFRAME : DropReason.NOT_SELECTED);
      return false;
    }
    if (s.switched()) {
      layers.switchForwarder(forwarder, info);
    }
    return true;
  }

  /**
   * Translates the publisher's sender report for the subscriber: our SSRC, the NTP time with the
   * timestamp mapped into our timestamp space, our own packet and octet counts.
   */
  @Override
  public void onSenderReport(Encoding encoding, RtcpSr sr) {
    if (layers != null) {
      layers.onSenderReport(encoding, sr);
    }
    OutgoingPackets.senderReport(downlink, forwarder, sr, packetsSent, octetsSent);
  }

  /**
   * Answers the subscriber's NACK from the sent-packet cache: as RFC 4588 RTX packets (RTX SSRC
   * and sequence, OSN = the sequence number the subscriber saw) where its answer accepted rtx,
   * else resent as they were on the primary SSRC.
   */
  void retransmit(int[] lost, long nowMillis) {
    if (sent == null) {
      return;
    }
    for (int seq : lost) {
      PacketCache.Entry e = sent.get(seq, nowMillis);
      RtpPacket original = e == null ? null : RtpPacket.parse(e.buffer(), 0, e.length());
      if (original == null || !mayRetransmit(seq, e, original, nowMillis * 1000)) {
        continue;
      }
      byte[] out = new byte[Rtx.wrappedLength(original) + WebRtcTransport.SRTP_ROOM];
      int len;
      if (rtxNegotiated) {
        len = Rtx.wrap(original, out, 0, (int) rtxSsrc, rtxPt, nextRtxSeq());
        metrics.rtxSent();
      } else {
        len = e.length();
        System.arraycopy(e.buffer(), 0, out, 0, len);
      }
      downlink.sendRtp(RtpPacket.parse(out, 0, len), out, len, transportCcId(), nowMillis * 1000);
      metrics.retransmitted();
    }
  }

  private boolean mayRetransmit(int seq, PacketCache.Entry e, RtpPacket original, long nowMicros) {
    RetransmissionLimiter.Verdict v = rtxLimiter.decide(seq, e.arrivalMillis() * 1000, Rtx.wrappedLength(original),
        SendSideBwe.DEFAULT_RTT_MICROS, nowMicros, downlink.rtxBudget());
    if (v != RetransmissionLimiter.Verdict.SEND) {
      metrics.retransmissionRefused(v);
      return false;
    }
    return true;
  }

  /**
   * What this track could use of the subscriber's downlink, for the allocator: audio one fixed layer,
   * simulcast video its layers' bitrates up to the layer the tile wants; null for single-encoding
   * video (nothing to choose between).
   */
  TrackDemand demand(long nowNanos) {
    String id = Integer.toUnsignedString(outSsrc);
    if (!producer.isVideo()) {
      return new TrackDemand(id, TrackPriority.AUDIO, new long[] {AUDIO_BPS}, 0);
    }
    if (layers == null) {
      return null;
    }
    TrackPriority priority = producer.source() == TrackSource.SCREEN ? TrackPriority.SCREEN : TrackPriority.VIDEO;
    return layers.demand(id, priority, pausedByReceiver, nowNanos);
  }

  /** What the allocator gives this track, bits per second ({@link Long#MAX_VALUE}: no limit). */
  void setBandwidthBudget(long bps) {
    if (layers != null) {
      layers.setBudget(bps);
    }
  }

  /** The m-section our subscriber offer has for this consumer. */
  public OutgoingTrack outgoing() {
    RtpCodec offered = new RtpCodec(codec.payloadType(), codec.name(), codec.clockRate(), codec.channels(),
        codec.fmtp(), rtxPt);
    return new OutgoingTrack(mid, producer.kind(), List.of(offered), Integer.toUnsignedLong(outSsrc), rtxSsrc,
        "confero", producer.participantId(), producer.trackId());
  }

  @Override
  public void close() {
    downlink.unregister(this);
  }
}
