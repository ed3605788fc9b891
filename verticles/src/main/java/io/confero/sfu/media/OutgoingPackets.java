package io.confero.sfu.media;

import io.confero.media.rtcp.RtcpSr;
import io.confero.media.rtp.RtpPacket;
import io.confero.sfu.forward.ForwardDecision;
import io.confero.sfu.forward.Forwarder;
import io.confero.sfu.transport.WebRtcTransport;
import java.util.Arrays;
import java.util.List;

/** What every outgoing stream to a subscriber does the same way: the rewritten copy, the translated sender report. */
final class OutgoingPackets {
  private OutgoingPackets() {
  }

  /**
   * A copy of {@code in} (with room for the SRTP tag) carrying the forward decision's SSRC,
   * sequence number, timestamp and marker and the subscriber's {@code payloadType}; the original
   * stays untouched for the other receivers.
   */
  static RtpPacket rewrittenCopy(RtpPacket in, ForwardDecision d, int payloadType) {
    byte[] copy = Arrays.copyOf(in.buffer(), in.length() + WebRtcTransport.SRTP_ROOM);
    RtpPacket q = RtpPacket.parse(copy, 0, in.length());
    d.applyTo(q);
    q.setPayloadType(payloadType);
    return q;
  }

  /**
   * Sends the publisher's sender report translated for one outgoing stream: our SSRC, the NTP time
   * with the timestamp mapped into the stream's timestamp space, our own packet and octet counts;
   * nothing when the report is not of the source being forwarded.
   */
  static void senderReport(Downlink downlink, Forwarder forwarder, RtcpSr sr, long packets, long octets) {
    long ts = forwarder.toOutgoingTimestamp(sr.ssrc(), sr.rtpTimestamp());
    if (downlink.isConnected() && ts >= 0) {
      downlink.sendRtcp(new RtcpSr(forwarder.outSsrc(), sr.ntpTimestamp(), ts, packets, octets, List.of()));
    }
  }
}
