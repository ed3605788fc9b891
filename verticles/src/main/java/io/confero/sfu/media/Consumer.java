package io.confero.sfu.media;

import io.confero.media.rtcp.RtcpSr;

/**
 * Where one producer's media goes (mediasoup's Consumer): a WebRTC subscriber today
 * ({@link WebRtcConsumer}); a recorder writing RTP to disk or a relay to another node tomorrow.
 * The producer's receive path calls it for every packet that survived reception (not muted, not
 * malformed, RTX repairs unwrapped), in arrival order; an implementation decides for itself what to
 * forward. Every method runs on the SFU worker's event loop and must not block: a consumer with
 * slow I/O hands the bytes to its own executor. Upward needs go through {@link Listener}.
 */
public interface Consumer {
  /** Upward events of a consumer, implemented by its owner (the router). */
  interface Listener {
    /** The consumer cannot go on without a keyframe of {@code encoding}; the owner asks the publisher (throttled). */
    void onKeyframeNeeded(Consumer consumer, Encoding encoding);
  }

  Producer producer();

  /** One packet of the producer; {@code packet.packet()}'s bytes are only lent for this call. */
  void onPacket(PacketInfo packet);

  /**
   * The publisher's sender report for one encoding (RFC 3550 §6.4.1): the NTP ↔ RTP timestamp pair
   * a consumer needs for lip sync or to translate into its own timestamp space.
   */
  void onSenderReport(Encoding encoding, RtcpSr sr);

  /**
   * Adds the simulcast layers (bit i = encoding i) this consumer needs now to {@code mask}, for
   * dynacast. By default a consumer needs every layer (a recorder keeps the best it can get).
   */
  default int neededLayers(int mask) {
    return mask | ((1 << producer().encodings().size()) - 1);
  }

  /** The consumer is removed (its producer ended, or its receiver left): free what it holds. */
  void close();
}
