package io.confero.recording.depacketize;

import io.confero.media.rtp.RtpPacket;
import io.confero.media.rtp.SeqUnwrapper;
import io.confero.media.rtp.TimestampUnwrapper;
import io.confero.recording.format.TrackRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Puts a track's recorded RTP packets back in sequence order (RFC 3550 §A.1): sequence numbers and
 * timestamps are extended in arrival order, so wrap-around and reordering within half the number
 * space are handled; then packets are sorted by extended sequence number and duplicates (the same
 * number twice, e.g. a retransmission that raced the original) are dropped. Packets that are not
 * RTP, or carry another SSRC than the track's, are counted and dropped.
 */
public final class RtpOrder {
  /** The ordered packets and what was dropped. */
  public record Result(List<OrderedPacket> packets, int invalid, int duplicates) {
  }

  private RtpOrder() {
  }

  /** Orders the RTP records of one track (SR records are ignored here). */
  public static Result order(List<TrackRecord> records, int ssrc) {
    SeqUnwrapper seqs = new SeqUnwrapper();
    TimestampUnwrapper stamps = new TimestampUnwrapper();
    List<OrderedPacket> out = new ArrayList<>();
    int invalid = 0;
    for (TrackRecord r : records) {
      if (!(r instanceof TrackRecord.Rtp rtp)) {
        continue;
      }
      RtpPacket p = RtpPacket.parse(rtp.packet(), 0, rtp.packet().length);
      if (p == null || p.ssrc() != ssrc || p.payloadLength() <= 0) {
        invalid++;
        continue;
      }
      byte[] payload = new byte[p.payloadLength()];
      System.arraycopy(p.buffer(), p.payloadOffset(), payload, 0, payload.length);
      out.add(new OrderedPacket(seqs.unwrap(p.sequenceNumber()), stamps.unwrap(p.timestamp()), p.marker(), payload,
          rtp.atMicros()));
    }
    out.sort(Comparator.comparingLong(OrderedPacket::seq));
    List<OrderedPacket> unique = new ArrayList<>(out.size());
    for (OrderedPacket p : out) {
      if (unique.isEmpty() || unique.get(unique.size() - 1).seq() != p.seq()) {
        unique.add(p);
      }
    }
    return new Result(unique, invalid, out.size() - unique.size());
  }
}
