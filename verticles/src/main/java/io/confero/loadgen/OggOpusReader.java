package io.confero.loadgen;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the Opus packets of an Ogg Opus file (RFC 7845 over the Ogg page format of RFC 3533): pages
 * start with "OggS", a 27-byte header and a segment table; a packet is the concatenation of its
 * segments, ending at the first segment shorter than 255 bytes (and may continue on the next page).
 * The first two packets (OpusHead, OpusTags) are headers, not audio, and are skipped.
 */
public final class OggOpusReader {
  static final int PAGE_HEADER = 27;
  static final int MAX_PACKET = 64 * 1024;

  private OggOpusReader() {
  }

  /**
   * The audio packets of the first logical stream, in order.
   *
   * @throws IllegalArgumentException when it is not Ogg Opus or is truncated
   */
  public static List<byte[]> parse(byte[] b, int off, int len) {
    List<byte[]> packets = new ArrayList<>();
    ByteArrayOutputStream pending = new ByteArrayOutputStream();
    int i = off;
    int end = off + len;
    int serial = 0;
    boolean first = true;
    while (i < end) {
      if (end - i < PAGE_HEADER || b[i] != 'O' || b[i + 1] != 'g' || b[i + 2] != 'g' || b[i + 3] != 'S') {
        throw new IllegalArgumentException("no Ogg page at byte " + (i - off));
      }
      int segments = b[i + 26] & 0xFF;
      int pageSerial = IvfReader.le32(b, i + 14);
      int body = i + PAGE_HEADER + segments;
      if (body > end) {
        throw new IllegalArgumentException("Ogg segment table truncated at byte " + (i - off));
      }
      if (first) {
        serial = pageSerial;
        first = false;
      }
      int p = body;
      for (int s = 0; s < segments; s++) {
        int lace = b[i + PAGE_HEADER + s] & 0xFF;
        if (p + lace > end) {
          throw new IllegalArgumentException("Ogg page body truncated at byte " + (p - off));
        }
        if (pageSerial == serial) {
          pending.write(b, p, lace);
          if (pending.size() > MAX_PACKET) {
            throw new IllegalArgumentException("Ogg packet larger than " + MAX_PACKET + " bytes");
          }
          if (lace < 255) {
            packets.add(pending.toByteArray());
            pending.reset();
          }
        }
        p += lace;
      }
      i = p;
    }
    if (packets.isEmpty() || !startsWith(packets.get(0), "OpusHead")) {
      throw new IllegalArgumentException("not an Ogg Opus stream (no OpusHead)");
    }
    return packets.size() <= 2 ? List.of() : List.copyOf(packets.subList(2, packets.size()));
  }

  private static boolean startsWith(byte[] packet, String magic) {
    if (packet.length < magic.length()) {
      return false;
    }
    for (int k = 0; k < magic.length(); k++) {
      if (packet[k] != magic.charAt(k)) {
        return false;
      }
    }
    return true;
  }
}
