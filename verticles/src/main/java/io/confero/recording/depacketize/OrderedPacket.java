package io.confero.recording.depacketize;

/**
 * One RTP packet of a track, in sequence order: extended (64-bit) sequence number and timestamp,
 * the marker bit, a copy of the payload and when it arrived.
 */
public record OrderedPacket(long seq, long timestamp, boolean marker, byte[] payload, long atMicros) {
}
