package io.confero.recording.format;

import io.confero.media.rtp.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The byte layout of a recording file, written here and read by {@link TrackFileReader}
 * ({@code docs/recording-format.md}): a header, then append-only records, each
 * {@code sync(0xC5) | length u32 | type u8 | at i64 | body | crc32 u32}, big-endian.
 */
public final class TrackFileFormat {
  /** "CFRT". */
  static final int MAGIC = 0x43465254;
  static final int VERSION = 1;
  static final int SYNC = 0xC5;
  /** Fixed part of the header before the two ids. */
  static final int HEADER_FIXED = 24;
  /** sync + length. */
  static final int RECORD_PREFIX = 5;
  /** type + at. */
  static final int RECORD_MIN_LENGTH = 9;
  /** Largest type+at+body length accepted: an RTP packet is at most 65535 bytes. */
  static final int RECORD_MAX_LENGTH = RECORD_MIN_LENGTH + 65_535 + 4;
  static final int CRC = 4;

  static final int TYPE_RTP = 1;
  static final int TYPE_SR = 2;
  static final int TYPE_EVENT = 3;
  static final int SR_BODY = 20;

  private TrackFileFormat() {
  }

  /** The header's bytes. */
  public static byte[] header(TrackHeader h) {
    byte[] pid = h.participantId().getBytes(StandardCharsets.UTF_8);
    byte[] tid = h.trackId().getBytes(StandardCharsets.UTF_8);
    byte[] b = new byte[HEADER_FIXED + 2 + pid.length + tid.length + CRC];
    Bytes.put32(b, 0, MAGIC);
    b[4] = (byte) VERSION;
    b[5] = (byte) h.kind().code();
    b[6] = (byte) h.codec().code();
    Bytes.put32(b, 8, h.ssrc());
    Bytes.put32(b, 12, h.chunk());
    put64(b, 16, h.startMicros());
    int p = HEADER_FIXED;
    b[p++] = (byte) pid.length;
    System.arraycopy(pid, 0, b, p, pid.length);
    p += pid.length;
    b[p++] = (byte) tid.length;
    System.arraycopy(tid, 0, b, p, tid.length);
    p += tid.length;
    Bytes.put32(b, p, crc(b, 0, p));
    return b;
  }

  /** The record's bytes. */
  public static byte[] record(TrackRecord r) {
    byte[] body = body(r);
    int length = RECORD_MIN_LENGTH + body.length;
    if (length > RECORD_MAX_LENGTH) {
      throw new IllegalArgumentException("record body of " + body.length + " bytes is too large");
    }
    byte[] b = new byte[RECORD_PREFIX + length + CRC];
    b[0] = (byte) SYNC;
    Bytes.put32(b, 1, length);
    b[5] = (byte) type(r);
    put64(b, 6, r.atMicros());
    System.arraycopy(body, 0, b, RECORD_PREFIX + RECORD_MIN_LENGTH, body.length);
    Bytes.put32(b, RECORD_PREFIX + length, crc(b, 0, RECORD_PREFIX + length));
    return b;
  }

  private static int type(TrackRecord r) {
    if (r instanceof TrackRecord.Rtp) {
      return TYPE_RTP;
    }
    return r instanceof TrackRecord.SenderReport ? TYPE_SR : TYPE_EVENT;
  }

  private static byte[] body(TrackRecord r) {
    if (r instanceof TrackRecord.Rtp x) {
      return x.packet();
    }
    if (r instanceof TrackRecord.SenderReport x) {
      byte[] b = new byte[SR_BODY];
      put64(b, 0, x.ntpTimestamp());
      Bytes.put32(b, 8, x.rtpTimestamp());
      Bytes.put32(b, 12, x.packetCount());
      Bytes.put32(b, 16, x.octetCount());
      return b;
    }
    return eventBody((TrackRecord.Event) r);
  }

  private static byte[] eventBody(TrackRecord.Event e) {
    byte[] pid = e.participantId().getBytes(StandardCharsets.UTF_8);
    byte[] text = e.text().getBytes(StandardCharsets.UTF_8);
    if (pid.length > TrackHeader.MAX_ID || text.length > 0xFFFF) {
      throw new IllegalArgumentException("event participant id or text too long");
    }
    byte[] b = new byte[1 + 1 + pid.length + 2 + text.length];
    b[0] = (byte) e.type().code();
    b[1] = (byte) pid.length;
    System.arraycopy(pid, 0, b, 2, pid.length);
    Bytes.put16(b, 2 + pid.length, text.length);
    System.arraycopy(text, 0, b, 4 + pid.length, text.length);
    return b;
  }

  static int crc(byte[] b, int off, int len) {
    CRC32 c = new CRC32();
    c.update(b, off, len);
    return (int) c.getValue();
  }

  static void put64(byte[] b, int i, long v) {
    Bytes.put32(b, i, v >>> 32);
    Bytes.put32(b, i + 4, v);
  }
}
