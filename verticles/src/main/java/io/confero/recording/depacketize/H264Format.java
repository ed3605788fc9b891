package io.confero.recording.depacketize;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * H.264 over RTP (RFC 6184), packetization mode 0 and 1: single NAL unit packets (types 1-23,
 * §5.6), STAP-A aggregation (type 24, §5.7.1: 16-bit size before each NAL unit) and FU-A
 * fragmentation (type 28, §5.8: FU indicator, FU header with S/E bits and the original type).
 * The frame is written in Annex B byte-stream form (start code 00 00 00 01 before each NAL unit);
 * it is a keyframe when it holds an IDR slice (type 5).
 */
public final class H264Format implements PayloadFormat {
  public static final H264Format INSTANCE = new H264Format();
  static final int STAP_A = 24;
  static final int FU_A = 28;
  static final int IDR = 5;
  private static final byte[] START_CODE = {0, 0, 0, 1};

  private H264Format() {
  }

  @Override
  public boolean startsFrame(byte[] payload) {
    if (payload.length < 1) {
      return false;
    }
    int type = payload[0] & 0x1F;
    if (type == FU_A) {
      return payload.length >= 2 && (payload[1] & 0x80) != 0;
    }
    return type >= 1 && type <= STAP_A;
  }

  @Override
  public VideoFrame assemble(List<OrderedPacket> packets) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    boolean[] idr = {false};
    ByteArrayOutputStream fragment = null;
    for (OrderedPacket pkt : packets) {
      byte[] p = pkt.payload();
      int type = p[0] & 0x1F;
      if (type == FU_A) {
        fragment = fuA(p, fragment, out, idr);
        if (fragment == INVALID) {
          return null;
        }
      } else if (fragment != null || !single(p, type, out, idr)) {
        return null;
      }
    }
    if (fragment != null || out.size() == 0) {
      return null;
    }
    return new VideoFrame(packets.get(0).timestamp(), out.toByteArray(), idr[0], packets.get(0).atMicros());
  }

  private static final ByteArrayOutputStream INVALID = new ByteArrayOutputStream();

  /** Adds a single NAL unit or a STAP-A's units; false when malformed. */
  private static boolean single(byte[] p, int type, ByteArrayOutputStream out, boolean[] idr) {
    if (type >= 1 && type < STAP_A) {
      nal(p, 0, p.length, out, idr);
      return true;
    }
    if (type != STAP_A) {
      return false;
    }
    int i = 1;
    while (i < p.length) {
      if (p.length - i < 2) {
        return false;
      }
      int size = (p[i] & 0xFF) << 8 | (p[i + 1] & 0xFF);
      i += 2;
      if (size == 0 || size > p.length - i) {
        return false;
      }
      nal(p, i, size, out, idr);
      i += size;
    }
    return true;
  }

  /** Handles one FU-A; returns the fragment being rebuilt, null when it ended, {@link #INVALID} when malformed. */
  private static ByteArrayOutputStream fuA(byte[] p, ByteArrayOutputStream fragment, ByteArrayOutputStream out,
      boolean[] idr) {
    if (p.length < 3) {
      return INVALID;
    }
    boolean start = (p[1] & 0x80) != 0;
    boolean end = (p[1] & 0x40) != 0;
    if (start == (fragment != null)) {
      return INVALID;
    }
    ByteArrayOutputStream f = fragment;
    if (start) {
      f = new ByteArrayOutputStream();
      f.write((p[0] & 0xE0) | (p[1] & 0x1F));
    }
    f.write(p, 2, p.length - 2);
    if (!end) {
      return f;
    }
    byte[] unit = f.toByteArray();
    nal(unit, 0, unit.length, out, idr);
    return null;
  }

  private static void nal(byte[] b, int off, int len, ByteArrayOutputStream out, boolean[] idr) {
    if ((b[off] & 0x1F) == IDR) {
      idr[0] = true;
    }
    out.write(START_CODE, 0, START_CODE.length);
    out.write(b, off, len);
  }
}
