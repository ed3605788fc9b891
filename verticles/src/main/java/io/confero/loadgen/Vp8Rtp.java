package io.confero.loadgen;

import io.confero.sfu.forward.VideoKeyframes;
import java.util.ArrayList;
import java.util.List;

/**
 * VP8 over RTP for the load participant (RFC 7741): splits a coded frame into payloads with the
 * one-byte payload descriptor (§4.2: {@code X=0}, {@code S} on the first packet, {@code PID=0}),
 * and reads the size a received keyframe announces (§4.3 payload header, RFC 6386 §9.1).
 */
public final class Vp8Rtp {
  /** Payload descriptor length without extensions. */
  static final int DESCRIPTOR = 1;

  private Vp8Rtp() {
  }

  /** The payloads (descriptor + part of the frame) carrying one frame, each at most {@code maxPayload} bytes. */
  public static List<byte[]> packetize(byte[] frame, int maxPayload) {
    if (maxPayload <= DESCRIPTOR) {
      throw new IllegalArgumentException("payload size " + maxPayload + " leaves no room for data");
    }
    int chunk = maxPayload - DESCRIPTOR;
    int count = Math.max(1, (frame.length + chunk - 1) / chunk);
    // equal-sized packets (differing by at most a byte), as libwebrtc does, rather than full ones and a runt
    int base = frame.length / count;
    int larger = frame.length % count;
    List<byte[]> out = new ArrayList<>(count);
    for (int k = 0, pos = 0; k < count; k++) {
      int n = base + (k < larger ? 1 : 0);
      byte[] p = new byte[DESCRIPTOR + n];
      p[0] = (byte) (k == 0 ? 0x10 : 0x00);
      System.arraycopy(frame, pos, p, DESCRIPTOR, n);
      out.add(p);
      pos += n;
    }
    return out;
  }

  /** True when the payload starts a keyframe. */
  public static boolean isKeyframeStart(byte[] b, int off, int len) {
    return VideoKeyframes.isVp8Keyframe(b, off, len);
  }

  /**
   * Width and height ({@code width << 16 | height}) a keyframe's first payload announces, or -1 when
   * the payload does not start a keyframe or is too short.
   */
  public static int keyframeSize(byte[] b, int off, int len) {
    if (!isKeyframeStart(b, off, len)) {
      return -1;
    }
    int h = off + descriptorLength(b, off, len);
    // frame tag (3 bytes), start code 9d 01 2a, then 14-bit width and height, little endian
    if (h < 0 || off + len < h + 10 || (b[h + 3] & 0xFF) != 0x9d || (b[h + 4] & 0xFF) != 0x01 || (b[h + 5] & 0xFF) != 0x2a) {
      return -1;
    }
    int width = IvfReader.le16(b, h + 6) & 0x3FFF;
    int height = IvfReader.le16(b, h + 8) & 0x3FFF;
    return width << 16 | height;
  }

  /** Length of the payload descriptor (RFC 7741 §4.2), or a negative value when truncated. */
  static int descriptorLength(byte[] b, int off, int len) {
    if (len < 1) {
      return -1;
    }
    if ((b[off] & 0x80) == 0) {
      return 1;
    }
    if (len < 2) {
      return -1;
    }
    int x = b[off + 1] & 0xFF;
    int n = 2;
    if ((x & 0x80) != 0) {
      n += len > n && (b[off + n] & 0x80) != 0 ? 2 : 1;
    }
    if ((x & 0x40) != 0) {
      n++;
    }
    if ((x & 0x30) != 0) {
      n++;
    }
    return n <= len ? n : -1;
  }
}
