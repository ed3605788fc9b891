package io.confero.recording.depacketize;

/**
 * One track turned into a file ffmpeg decodes.
 *
 * @param bytes the file's bytes (IVF or Ogg Opus)
 * @param extension its file name extension ({@code ivf} or {@code ogg})
 * @param originTimestamp the extended RTP timestamp that time 0 of the file stands for
 * @param originAtMicros when the packet carrying that timestamp arrived
 * @param units frames (video) or packets (audio) written
 * @param dropped frames or packets dropped (incomplete, after a loss until the next keyframe, malformed)
 * @param concealed audio gaps filled with concealment packets
 * @param invalid records that were not RTP of this track's SSRC
 * @param seconds how long the file plays
 */
public record Depacketized(byte[] bytes, String extension, long originTimestamp, long originAtMicros, int units,
    int dropped, int concealed, int invalid, double seconds) {
}
