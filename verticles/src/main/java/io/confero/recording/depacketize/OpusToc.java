package io.confero.recording.depacketize;

/**
 * The duration of an Opus packet from its TOC byte and frame count (RFC 6716 §3.1, §3.2.5):
 * configurations 0-11 (SILK) last 10/20/40/60 ms, 12-15 (hybrid) 10/20 ms, 16-31 (CELT)
 * 2.5/5/10/20 ms; code 0 is one frame, 1 and 2 two, 3 the count in the next byte.
 */
public final class OpusToc {
  private static final int[] SILK = {480, 960, 1920, 2880};
  private static final int[] HYBRID = {480, 960};
  private static final int[] CELT = {120, 240, 480, 960};

  private OpusToc() {
  }

  /** Samples per frame at 48 kHz for a TOC byte. */
  public static int frameSamples(int toc) {
    int config = (toc & 0xFF) >>> 3;
    if (config < 12) {
      return SILK[config & 3];
    }
    if (config < 16) {
      return HYBRID[config & 1];
    }
    return CELT[config & 3];
  }

  /** Samples at 48 kHz in the packet, or -1 when it is malformed (RFC 6716 §3.2.5: at most 120 ms). */
  public static int samples(byte[] packet) {
    if (packet.length < 1) {
      return -1;
    }
    int code = packet[0] & 0x03;
    int frames;
    if (code == 0) {
      frames = 1;
    } else if (code < 3) {
      frames = 2;
    } else {
      if (packet.length < 2) {
        return -1;
      }
      frames = packet[1] & 0x3F;
    }
    int n = frames * frameSamples(packet[0]);
    return frames == 0 || n > 5760 ? -1 : n;
  }
}
