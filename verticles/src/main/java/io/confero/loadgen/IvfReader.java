package io.confero.loadgen;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads an IVF file (the VP8/VP9 container libvpx and ffmpeg write: a 32-byte "DKIF" header,
 * then per frame a 12-byte header of little-endian size and timestamp followed by the frame).
 * The load participant sends such a file's frames as its camera.
 */
public final class IvfReader {
  static final int FILE_HEADER = 32;
  static final int FRAME_HEADER = 12;
  /** Frames above this size are refused: a camera frame is far smaller, a corrupt size is not. */
  static final int MAX_FRAME = 4 << 20;

  /** One coded frame and its presentation timestamp in the file's time base. */
  public record Frame(long pts, byte[] data) {
  }

  /** The parsed file: codec fourcc, size, time base (rate/scale) and frames. */
  public record Ivf(String fourcc, int width, int height, int timebaseRate, int timebaseScale, List<Frame> frames) {
  }

  private IvfReader() {
  }

  /**
   * Parses a whole IVF file.
   *
   * @throws IllegalArgumentException when it is not IVF, is truncated, or a frame size is absurd
   */
  public static Ivf parse(byte[] b, int off, int len) {
    if (len < FILE_HEADER || b[off] != 'D' || b[off + 1] != 'K' || b[off + 2] != 'I' || b[off + 3] != 'F') {
      throw new IllegalArgumentException("not an IVF file (no DKIF signature)");
    }
    int headerLength = le16(b, off + 6);
    if (headerLength < FILE_HEADER || headerLength > len) {
      throw new IllegalArgumentException("IVF header length " + headerLength + " out of range");
    }
    String fourcc = new String(b, off + 8, 4, java.nio.charset.StandardCharsets.US_ASCII);
    int width = le16(b, off + 12);
    int height = le16(b, off + 14);
    int rate = le32(b, off + 16);
    int scale = le32(b, off + 20);
    List<Frame> frames = new ArrayList<>();
    int i = off + headerLength;
    int end = off + len;
    while (i < end) {
      if (end - i < FRAME_HEADER) {
        throw new IllegalArgumentException("IVF frame header truncated at byte " + (i - off));
      }
      long size = le32(b, i) & 0xFFFFFFFFL;
      long pts = (le32(b, i + 4) & 0xFFFFFFFFL) | ((long) le32(b, i + 8) << 32);
      if (size > MAX_FRAME || size > end - i - FRAME_HEADER) {
        throw new IllegalArgumentException("IVF frame of " + size + " bytes at byte " + (i - off) + " does not fit");
      }
      byte[] data = new byte[(int) size];
      System.arraycopy(b, i + FRAME_HEADER, data, 0, data.length);
      frames.add(new Frame(pts, data));
      i += FRAME_HEADER + (int) size;
    }
    return new Ivf(fourcc, width, height, rate, scale, frames);
  }

  static int le16(byte[] b, int i) {
    return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
  }

  static int le32(byte[] b, int i) {
    return le16(b, i) | le16(b, i + 2) << 16;
  }
}
