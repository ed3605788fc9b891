package io.confero.sfu.forward;

/**
 * What the {@link Forwarder} needs to know about one incoming RTP packet.
 *
 * @param timestamp RTP timestamp, unsigned 32-bit
 * @param arrivalNanos receive time on the owner's monotonic clock
 */
public record PacketFacts(int ssrc, int sequenceNumber, long timestamp, boolean marker, boolean keyframe,
                          long arrivalNanos) {
}
