package io.confero.recording.depacketize;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes frames in the IVF container (the libvpx test format ffmpeg reads): a 32-byte file header
 * ({@code DKIF}, version 0, header size 32, FourCC, width, height, time base denominator and
 * numerator, frame count) and a 12-byte header per frame (size, 64-bit presentation time), all
 * little-endian. The time base is the RTP clock (1/90000 s), so each frame keeps its RTP time.
 * FourCC {@code VP80} carries VP8; {@code H264} carries Annex B access units (ffmpeg maps the
 * FourCC to its H.264 decoder), which gives raw H.264 the timestamps a bare Annex B stream lacks.
 */
public final class IvfWriter {
  static final int FILE_HEADER = 32;
  static final int FRAME_HEADER = 12;

  private IvfWriter() {
  }

  /** The IVF bytes of {@code frames}, their times relative to {@code origin} (an extended RTP timestamp). */
  public static byte[] write(String fourcc, int width, int height, int clockRate, long origin, List<VideoFrame> frames) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] h = new byte[FILE_HEADER];
    System.arraycopy("DKIF".getBytes(StandardCharsets.US_ASCII), 0, h, 0, 4);
    le16(h, 4, 0);
    le16(h, 6, FILE_HEADER);
    System.arraycopy(fourcc.getBytes(StandardCharsets.US_ASCII), 0, h, 8, 4);
    le16(h, 12, width);
    le16(h, 14, height);
    le32(h, 16, clockRate);
    le32(h, 20, 1);
    le32(h, 24, frames.size());
    out.write(h, 0, h.length);
    byte[] fh = new byte[FRAME_HEADER];
    for (VideoFrame f : frames) {
      le32(fh, 0, f.data().length);
      long pts = f.timestamp() - origin;
      le32(fh, 4, (int) pts);
      le32(fh, 8, (int) (pts >>> 32));
      out.write(fh, 0, fh.length);
      out.write(f.data(), 0, f.data().length);
    }
    return out.toByteArray();
  }

  static void le16(byte[] b, int i, int v) {
    b[i] = (byte) v;
    b[i + 1] = (byte) (v >>> 8);
  }

  static void le32(byte[] b, int i, int v) {
    le16(b, i, v);
    le16(b, i + 2, v >>> 16);
  }
}
