package io.confero.recording.depacketize;

/** One whole coded video frame: its extended RTP timestamp, its bytes, and whether it is a keyframe. */
public record VideoFrame(long timestamp, byte[] data, boolean keyframe, long atMicros) {
}
