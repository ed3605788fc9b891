package io.confero.sfu.media;

import io.confero.media.rtp.RtpPacket;

/**
 * One received RTP packet of a producer as the router hands it to each {@link Consumer} (Jitsi
 * Videobridge's {@code PacketInfo}): the packet, parsed in place over the received datagram, and
 * what the receive path learned about it. The bytes belong to the receive path: a consumer that
 * keeps or rewrites them copies them first.
 *
 * @param packet the packet (an RTX repair already unwrapped into the original)
 * @param encoding the encoding (simulcast layer) it belongs to
 * @param arrivalNanos when its datagram was read, on the worker's monotonic clock
 * @param audioLevel the RFC 6464 level (0 loudest … 127 silence), or -1 for video or when absent
 * @param keyframe true when it starts a video keyframe (always true for audio)
 */
public record PacketInfo(RtpPacket packet, Encoding encoding, long arrivalNanos, int audioLevel, boolean keyframe) {

  public Producer producer() {
    return encoding.producer();
  }

  public long arrivalMillis() {
    return arrivalNanos / 1_000_000;
  }
}
