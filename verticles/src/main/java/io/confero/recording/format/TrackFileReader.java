package io.confero.recording.format;

import io.confero.media.rtp.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a recording file written in {@link TrackFileFormat}. A bad header is a
 * {@link TrackFormatException}; past the header nothing throws: a record cut short at the end is a
 * {@link TrackFile.Tail#TRUNCATED} tail, and a record that fails its CRC or its body check is
 * skipped up to the next sync byte that starts a verifiable record ({@link TrackFile.Tail#CORRUPT}).
 */
public final class TrackFileReader {
  private TrackFileReader() {
  }

  /** Reads {@code len} bytes of {@code b} from {@code off}. */
  public static TrackFile read(byte[] b, int off, int len) throws TrackFormatException {
    if (b == null || off < 0 || len < 0 || off > b.length - len) {
      throw new TrackFormatException("no bytes to read");
    }
    int end = off + len;
    int headerEnd = headerEnd(b, off, end);
    TrackHeader header = header(b, off, headerEnd);
    List<TrackRecord> records = new ArrayList<>();
    int p = headerEnd;
    long skipped = 0;
    TrackFile.Tail tail = TrackFile.Tail.CLEAN;
    String reason = "";
    int validEnd = p;
    while (p < end) {
      int n = recordLength(b, p, end, header.kind());
      if (n > 0) {
        records.add(decode(b, p, header.kind()));
        p += n;
        validEnd = p;
      } else if (n == TRUNCATED && nextRecord(b, p + 1, end, header.kind()) < 0) {
        return new TrackFile(header, List.copyOf(records), validEnd - off, skipped, TrackFile.Tail.TRUNCATED,
            "last record cut short at byte " + (p - off) + " of " + len);
      } else {
        int next = nextRecord(b, p + 1, end, header.kind());
        int resume = next < 0 ? end : next;
        if (tail == TrackFile.Tail.CLEAN) {
          reason = "record at byte " + (p - off) + " failed its check";
        }
        tail = TrackFile.Tail.CORRUPT;
        skipped += resume - p;
        p = resume;
      }
    }
    return new TrackFile(header, List.copyOf(records), validEnd - off, skipped, tail, reason);
  }

  private static final int TRUNCATED = -1;
  private static final int BAD = -2;

  private static int headerEnd(byte[] b, int off, int end) throws TrackFormatException {
    if (end - off < TrackFileFormat.HEADER_FIXED + 2 + TrackFileFormat.CRC) {
      throw new TrackFormatException("file shorter than a header");
    }
    if (Bytes.i32(b, off) != TrackFileFormat.MAGIC) {
      throw new TrackFormatException("not a Confero track file (bad magic)");
    }
    if ((b[off + 4] & 0xFF) != TrackFileFormat.VERSION) {
      throw new TrackFormatException("unsupported track file version " + (b[off + 4] & 0xFF));
    }
    int p = off + TrackFileFormat.HEADER_FIXED;
    p += 1 + (b[p] & 0xFF);
    if (p >= end) {
      throw new TrackFormatException("header cut short");
    }
    p += 1 + (b[p] & 0xFF);
    if (p + TrackFileFormat.CRC > end) {
      throw new TrackFormatException("header cut short");
    }
    if (Bytes.i32(b, p) != TrackFileFormat.crc(b, off, p - off)) {
      throw new TrackFormatException("header fails its CRC");
    }
    return p + TrackFileFormat.CRC;
  }

  private static TrackHeader header(byte[] b, int off, int headerEnd) throws TrackFormatException {
    TrackKind kind = TrackKind.of(b[off + 5] & 0xFF);
    TrackCodec codec = TrackCodec.of(b[off + 6] & 0xFF);
    if (kind == null || codec == null) {
      throw new TrackFormatException("unknown track kind or codec");
    }
    int p = off + TrackFileFormat.HEADER_FIXED;
    String pid = new String(b, p + 1, b[p] & 0xFF, StandardCharsets.UTF_8);
    p += 1 + (b[p] & 0xFF);
    String tid = new String(b, p + 1, b[p] & 0xFF, StandardCharsets.UTF_8);
    try {
      return new TrackHeader(kind, codec, Bytes.i32(b, off + 8), pid, tid, Bytes.i32(b, off + 12),
          (long) Bytes.u64(b, off + 16));
    } catch (IllegalArgumentException e) {
      throw new TrackFormatException("header is inconsistent: " + e.getMessage());
    }
  }

  /** The whole record's length at {@code p} when it verifies, else {@link #TRUNCATED} or {@link #BAD}. */
  private static int recordLength(byte[] b, int p, int end, TrackKind kind) {
    if ((b[p] & 0xFF) != TrackFileFormat.SYNC) {
      return BAD;
    }
    if (end - p < TrackFileFormat.RECORD_PREFIX) {
      return TRUNCATED;
    }
    long length = Bytes.u32(b, p + 1);
    if (length < TrackFileFormat.RECORD_MIN_LENGTH || length > TrackFileFormat.RECORD_MAX_LENGTH) {
      return BAD;
    }
    int total = TrackFileFormat.RECORD_PREFIX + (int) length + TrackFileFormat.CRC;
    if (end - p < total) {
      return TRUNCATED;
    }
    int crcAt = p + total - TrackFileFormat.CRC;
    if (Bytes.i32(b, crcAt) != TrackFileFormat.crc(b, p, crcAt - p)) {
      return BAD;
    }
    return bodyValid(b, p + TrackFileFormat.RECORD_PREFIX, (int) length, kind) ? total : BAD;
  }

  private static int nextRecord(byte[] b, int from, int end, TrackKind kind) {
    for (int q = from; q < end; q++) {
      if ((b[q] & 0xFF) == TrackFileFormat.SYNC && recordLength(b, q, end, kind) > 0) {
        return q;
      }
    }
    return -1;
  }

  private static boolean bodyValid(byte[] b, int p, int length, TrackKind kind) {
    int type = b[p] & 0xFF;
    int body = p + TrackFileFormat.RECORD_MIN_LENGTH;
    int bodyLen = length - TrackFileFormat.RECORD_MIN_LENGTH;
    if (kind == TrackKind.EVENTS) {
      return type == TrackFileFormat.TYPE_EVENT && eventValid(b, body, bodyLen);
    }
    return type == TrackFileFormat.TYPE_RTP && bodyLen > 0
        || type == TrackFileFormat.TYPE_SR && bodyLen == TrackFileFormat.SR_BODY;
  }

  private static boolean eventValid(byte[] b, int p, int len) {
    if (len < 4 || MeetingEventType.of(b[p] & 0xFF) == null) {
      return false;
    }
    int pid = b[p + 1] & 0xFF;
    return len >= 4 + pid && len == 4 + pid + Bytes.u16(b, p + 2 + pid);
  }

  private static TrackRecord decode(byte[] b, int p, TrackKind kind) {
    int length = (int) Bytes.u32(b, p + 1);
    int type = b[p + TrackFileFormat.RECORD_PREFIX] & 0xFF;
    long at = (long) Bytes.u64(b, p + TrackFileFormat.RECORD_PREFIX + 1);
    int body = p + TrackFileFormat.RECORD_PREFIX + TrackFileFormat.RECORD_MIN_LENGTH;
    int bodyLen = length - TrackFileFormat.RECORD_MIN_LENGTH;
    if (type == TrackFileFormat.TYPE_RTP) {
      byte[] pkt = new byte[bodyLen];
      System.arraycopy(b, body, pkt, 0, bodyLen);
      return new TrackRecord.Rtp(at, pkt);
    }
    if (type == TrackFileFormat.TYPE_SR) {
      return new TrackRecord.SenderReport(at, (long) Bytes.u64(b, body), Bytes.u32(b, body + 8),
          Bytes.u32(b, body + 12), Bytes.u32(b, body + 16));
    }
    int pid = b[body + 1] & 0xFF;
    int textLen = Bytes.u16(b, body + 2 + pid);
    return new TrackRecord.Event(at, MeetingEventType.of(b[body] & 0xFF),
        new String(b, body + 2, pid, StandardCharsets.UTF_8),
        new String(b, body + 4 + pid, textLen, StandardCharsets.UTF_8));
  }
}
