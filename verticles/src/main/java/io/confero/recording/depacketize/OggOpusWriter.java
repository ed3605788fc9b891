package io.confero.recording.depacketize;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes Opus packets as an Ogg Opus file (RFC 7845 on the Ogg pages of RFC 3533): an
 * identification header page ({@code OpusHead}, §5.1), a comment header page ({@code OpusTags},
 * §5.2), then one audio packet per page with the granule position of its last sample (48 kHz).
 * Gaps in the RTP timestamps (loss, DTX) are filled with TOC-only packets (a frame of zero bytes,
 * which a decoder conceals, RFC 6716 §3.2.1), so the file stays continuous from its first sample.
 * A gap is filled only as far as the packets' arrival times confirm it (plus {@link #SLACK_SAMPLES}):
 * a timestamp that jumps further than the wall clock moved (a sender's reset, a damaged or hostile
 * packet) is a discontinuity, and the packet is placed after the time that really passed, so one
 * bad timestamp can neither shift the rest of the track nor make the file grow without bound.
 */
public final class OggOpusWriter {
  /** Longest packet one Ogg page carries (255 lacing values of 255 bytes, less one). */
  static final int MAX_PACKET = 255 * 254;
  /** Concealment beyond what the arrival times show, at most (one second at 48 kHz). */
  static final long SLACK_SAMPLES = 48_000;
  private static final long DAY_MICROS = 86_400_000_000L;
  private static final int[] CRC_TABLE = crcTable();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final int serial;
  private int pageSeq;
  private long granule;

  private OggOpusWriter(int serial) {
    this.serial = serial;
  }

  /** One Opus packet with its extended RTP timestamp (48 kHz) and its arrival time. */
  public record Packet(long timestamp, long atMicros, byte[] data) {
  }

  /**
   * What was written: the bytes, the samples, how many concealment packets filled gaps, how many
   * packets were dropped, and how many timestamp jumps were cut to the time that really passed.
   */
  public record Result(byte[] bytes, long samples, int concealed, int dropped, int discontinuities) {
  }

  /** Writes {@code packets} (in timestamp order) with times relative to {@code origin}. */
  public static Result write(int serial, int channels, long origin, List<Packet> packets) {
    OggOpusWriter w = new OggOpusWriter(serial);
    w.page(0x02, 0, head(channels));
    w.page(0, 0, tags());
    int concealed = 0;
    int dropped = 0;
    int discontinuities = 0;
    long shift = 0;
    long lastArrival = Long.MIN_VALUE;
    long lastSamples = 0;
    for (int i = 0; i < packets.size(); i++) {
      Packet p = packets.get(i);
      int n = OpusToc.samples(p.data());
      long at = p.timestamp() - origin - shift;
      if (n < 0 || at < w.granule || p.data().length > MAX_PACKET) {
        dropped++;
        continue;
      }
      long micros = lastArrival == Long.MIN_VALUE ? 0 : Math.min(Math.max(0, p.atMicros() - lastArrival), DAY_MICROS);
      long passed = Math.max(0, micros * 48 / 1000 - lastSamples);
      if (at - w.granule > passed + SLACK_SAMPLES) {
        shift += at - w.granule - passed;
        at = w.granule + passed;
        discontinuities++;
      }
      lastArrival = p.atMicros();
      lastSamples = n;
      int fill = OpusToc.frameSamples(p.data()[0]);
      while (at - w.granule >= fill) {
        w.granule += fill;
        w.page(0, w.granule, new byte[] {(byte) (p.data()[0] & 0xFC)});
        concealed++;
      }
      w.granule = at + n;
      w.page(i == packets.size() - 1 ? 0x04 : 0, w.granule, p.data());
    }
    return new Result(w.out.toByteArray(), w.granule, concealed, dropped, discontinuities);
  }

  static byte[] head(int channels) {
    byte[] h = new byte[19];
    System.arraycopy("OpusHead".getBytes(StandardCharsets.US_ASCII), 0, h, 0, 8);
    h[8] = 1;
    h[9] = (byte) channels;
    // pre-skip 0: the RTP stream starts mid-conversation; input rate 48000; gain 0; mapping family 0
    IvfWriter.le32(h, 12, 48_000);
    return h;
  }

  static byte[] tags() {
    byte[] vendor = "confero".getBytes(StandardCharsets.US_ASCII);
    byte[] t = new byte[8 + 4 + vendor.length + 4];
    System.arraycopy("OpusTags".getBytes(StandardCharsets.US_ASCII), 0, t, 0, 8);
    IvfWriter.le32(t, 8, vendor.length);
    System.arraycopy(vendor, 0, t, 12, vendor.length);
    return t;
  }

  private void page(int flags, long granulePos, byte[] packet) {
    int segments = packet.length / 255 + 1;
    byte[] h = new byte[27 + segments];
    System.arraycopy("OggS".getBytes(StandardCharsets.US_ASCII), 0, h, 0, 4);
    h[5] = (byte) flags;
    IvfWriter.le32(h, 6, (int) granulePos);
    IvfWriter.le32(h, 10, (int) (granulePos >>> 32));
    IvfWriter.le32(h, 14, serial);
    IvfWriter.le32(h, 18, pageSeq++);
    h[26] = (byte) segments;
    for (int s = 0; s < segments; s++) {
      h[27 + s] = (byte) (s < segments - 1 ? 255 : packet.length % 255);
    }
    int crc = crc(0, h, h.length);
    crc = crc(crc, packet, packet.length);
    IvfWriter.le32(h, 22, crc);
    out.write(h, 0, h.length);
    out.write(packet, 0, packet.length);
  }

  /** Ogg's CRC-32: polynomial 0x04c11db7, not reflected, initial value 0 (RFC 3533 §6). */
  static int crc(int crc, byte[] b, int len) {
    for (int i = 0; i < len; i++) {
      crc = (crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ b[i]) & 0xFF];
    }
    return crc;
  }

  private static int[] crcTable() {
    int[] t = new int[256];
    for (int i = 0; i < 256; i++) {
      int r = i << 24;
      for (int k = 0; k < 8; k++) {
        r = (r & 0x80000000) != 0 ? (r << 1) ^ 0x04c11db7 : r << 1;
      }
      t[i] = r;
    }
    return t;
  }
}
