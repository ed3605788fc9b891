package io.confero.recording.composite;

import io.confero.media.rtp.TimestampNum;
import io.confero.recording.format.TrackRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts tracks on the server's clock. A sender report maps a track's RTP timestamps to the sender's
 * NTP clock (RFC 3550 §6.4.1); all tracks of one sender share that clock, so their lip sync
 * survives. The sender's clock is mapped to the server's by the median of (arrival − NTP time) over
 * that sender's reports, which absorbs a constant network delay and any clock offset. A track with
 * no report falls back to the arrival time of its first packet.
 */
public final class TrackTiming {
  /** NTP seconds at the Unix epoch (RFC 5905 §6). */
  static final long NTP_UNIX_OFFSET = 2_208_988_800L;

  private TrackTiming() {
  }

  /** Unix microseconds of a 64-bit NTP timestamp. */
  public static long ntpToUnixMicros(long ntp) {
    long secs = (ntp >>> 32) - NTP_UNIX_OFFSET;
    long frac = ((ntp & 0xFFFFFFFFL) * 1_000_000L) >>> 32;
    return secs * 1_000_000L + frac;
  }

  /** (arrival − NTP time) of every sender report, in microseconds. */
  public static List<Long> senderOffsets(List<TrackRecord> records) {
    List<Long> out = new ArrayList<>();
    for (TrackRecord r : records) {
      if (r instanceof TrackRecord.SenderReport sr) {
        out.add(sr.atMicros() - ntpToUnixMicros(sr.ntpTimestamp()));
      }
    }
    return out;
  }

  /** The median of the offsets, or {@code null} when there are none. */
  public static Long median(List<Long> offsets) {
    if (offsets.isEmpty()) {
      return null;
    }
    List<Long> sorted = new ArrayList<>(offsets);
    sorted.sort(null);
    return sorted.get(sorted.size() / 2);
  }

  /**
   * Server time (Unix µs) of the RTP timestamp {@code origin} (32-bit value, as in the packet):
   * through the track's first sender report and the sender's offset when both exist, else
   * {@code fallbackAtMicros}.
   */
  public static long originMicros(List<TrackRecord> records, long origin, int clockRate, Long senderOffset,
      long fallbackAtMicros) {
    if (senderOffset == null) {
      return fallbackAtMicros;
    }
    for (TrackRecord r : records) {
      if (r instanceof TrackRecord.SenderReport sr) {
        long ticks = TimestampNum.diff(sr.rtpTimestamp() & 0xFFFFFFFFL, origin & 0xFFFFFFFFL);
        long ntpMicros = ntpToUnixMicros(sr.ntpTimestamp()) - ticks * 1_000_000L / clockRate;
        return ntpMicros + senderOffset;
      }
    }
    return fallbackAtMicros;
  }
}
