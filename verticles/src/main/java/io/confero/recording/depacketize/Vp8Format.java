package io.confero.recording.depacketize;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * VP8 over RTP (RFC 7741). Each payload starts with the payload descriptor (§4.2): {@code X R N S
 * R PID}, optionally followed by {@code I L T K} and the PictureID (7 or 15 bits), TL0PICIDX and
 * TID/KEYIDX bytes. A frame starts where {@code S=1} and {@code PID=0}; it is a keyframe when the
 * first byte of the VP8 payload header has {@code P=0} (§4.3). The frame is the concatenation of
 * the payloads without their descriptors.
 */
public final class Vp8Format implements PayloadFormat {
  public static final Vp8Format INSTANCE = new Vp8Format();

  private Vp8Format() {
  }

  /** Length of the payload descriptor, or -1 when the payload is too short for it. */
  public static int descriptorLength(byte[] p) {
    if (p.length < 1) {
      return -1;
    }
    int n = 1;
    if ((p[0] & 0x80) != 0) {
      if (p.length < 2) {
        return -1;
      }
      int x = p[1] & 0xFF;
      n = 2;
      if ((x & 0x80) != 0) {
        if (p.length < 3) {
          return -1;
        }
        n += (p[2] & 0x80) != 0 ? 2 : 1;
      }
      if ((x & 0x40) != 0) {
        n++;
      }
      if ((x & 0x30) != 0) {
        n++;
      }
    }
    return n < p.length ? n : -1;
  }

  @Override
  public boolean startsFrame(byte[] payload) {
    return descriptorLength(payload) > 0 && (payload[0] & 0x10) != 0 && (payload[0] & 0x0F) == 0;
  }

  @Override
  public VideoFrame assemble(List<OrderedPacket> packets) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (OrderedPacket p : packets) {
      int d = descriptorLength(p.payload());
      if (d < 0) {
        return null;
      }
      out.write(p.payload(), d, p.payload().length - d);
    }
    byte[] frame = out.toByteArray();
    if (frame.length == 0) {
      return null;
    }
    boolean key = (frame[0] & 0x01) == 0;
    if (key && !keyframeHeaderValid(frame)) {
      return null;
    }
    return new VideoFrame(packets.get(0).timestamp(), frame, key, packets.get(0).atMicros());
  }

  /** A keyframe carries the start code 9d 01 2a after the 3-byte frame tag (RFC 6386 §9.1). */
  static boolean keyframeHeaderValid(byte[] f) {
    return f.length >= 10 && (f[3] & 0xFF) == 0x9d && (f[4] & 0xFF) == 0x01 && (f[5] & 0xFF) == 0x2a;
  }

  /** Width and height a keyframe announces (14 bits each, little-endian, RFC 6386 §9.1). */
  public static int[] keyframeSize(byte[] f) {
    return new int[] {((f[6] & 0xFF) | (f[7] & 0xFF) << 8) & 0x3FFF, ((f[8] & 0xFF) | (f[9] & 0xFF) << 8) & 0x3FFF};
  }
}
