package io.confero.sfu.media;

import io.confero.sfu.forward.KeyframeRequestThrottle;
import io.confero.sfu.forward.NackGenerator;
import io.confero.sfu.forward.ReceptionStats;

/**
 * One encoding (simulcast layer) of a {@link Producer}: its rid, its primary and RTX SSRCs (signalled
 * or learned), what arrived on it (reported back in receiver reports), the loss detection that NACKs
 * the publisher, and its keyframe-request throttle (mediasoup's {@code RtpStreamRecv}, LiveKit's
 * per-layer buffer). Touched only on the worker's event loop.
 */
public final class Encoding {
  /** Sequence numbers of one NACK, reused: at most this many per message. */
  private static final int NACK_BATCH = 64;

  private final Producer producer;
  private final int index;
  private final String rid;
  private final KeyframeRequestThrottle keyframes = new KeyframeRequestThrottle();
  private final int[] nackBatch = new int[NACK_BATCH];
  private int ssrc;
  private boolean ssrcKnown;
  private int rtxSsrc;
  private boolean rtxSsrcKnown;
  private ReceptionStats reception;
  private NackGenerator nack;

  Encoding(Producer producer, int index, String rid) {
    this.producer = producer;
    this.index = index;
    this.rid = rid;
  }

  public Producer producer() {
    return producer;
  }

  /** Position in the producer's encodings, lowest first (0 without simulcast). */
  public int index() {
    return index;
  }

  /** The RFC 8851 rid, or null when the publisher did not use rids. */
  public String rid() {
    return rid;
  }

  public boolean ssrcKnown() {
    return ssrcKnown;
  }

  public int ssrc() {
    return ssrc;
  }

  public boolean rtxSsrcKnown() {
    return rtxSsrcKnown;
  }

  /** The publisher's RTX SSRC for {@link #ssrc()} (RFC 4588), from {@code a=ssrc-group:FID} or learned. */
  public int rtxSsrc() {
    return rtxSsrc;
  }

  void setSsrc(int ssrc) {
    this.ssrc = ssrc;
    this.ssrcKnown = true;
  }

  void setRtxSsrc(int rtxSsrc) {
    this.rtxSsrc = rtxSsrc;
    this.rtxSsrcKnown = true;
  }

  /** Reception statistics of the primary SSRC, created on its first packet. */
  public ReceptionStats reception() {
    if (reception == null) {
      reception = new ReceptionStats(ssrc, producer.clockRate());
    }
    return reception;
  }

  /** True once a packet arrived on the primary SSRC (there is something to report). */
  boolean hasReception() {
    return reception != null && reception.hasReceived();
  }

  /**
   * Loss detection of the primary SSRC, created on first use; null for audio and for video whose
   * publisher did not negotiate generic NACK (RFC 4585 §4.2 {@code a=rtcp-fb:* nack}).
   */
  public NackGenerator nack() {
    if (!producer.nackNegotiated()) {
      return null;
    }
    if (nack == null) {
      nack = NackGenerator.withDefaults();
    }
    return nack;
  }

  /** The NACK generator if one was created, else null (no packet arrived yet). */
  NackGenerator nackIfStarted() {
    return nack;
  }

  int[] nackBatch() {
    return nackBatch;
  }

  /** True when a keyframe request for this encoding may go out now (throttled; a throttled one is kept). */
  boolean tryKeyframeRequest(long nowMillis) {
    return keyframes.tryAcquire(nowMillis);
  }

  /** True when a keyframe request that was throttled may go out now. */
  boolean keyframeRequestDue(long nowMillis) {
    return keyframes.duePending(nowMillis);
  }
}
