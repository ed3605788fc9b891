package io.confero.sfu.media;

import io.confero.media.rtcp.RtcpSr;
import io.confero.media.rtp.RtpPacket;
import io.confero.media.sdp.PublishedTrack;

/**
 * The far end of a worker pipe: a proxy {@link Producer} that stands on this worker for a producer
 * of another worker of the node, fed with the packets that worker copied across. A packet is
 * handled as the publisher's own worker handled it after reception (layer activity, audio level),
 * then handed to every consumer of the proxy. Runs on the receiving worker's loop only.
 */
public final class PipeIngress {
  private PipeIngress() {
  }

  /** A proxy for a producer of another worker: same ids, codecs and encodings. */
  public static Producer proxy(String trackId, String participantId, PublishedTrack track, TrackSource source,
      boolean muted) {
    Producer p = new Producer(trackId, participantId, track, source);
    p.setMuted(muted);
    return p;
  }

  /**
   * One piped packet of encoding {@code encoding} (SSRC {@code ssrc}) to the proxy's consumers;
   * false (nothing delivered) when the bytes are not RTP or the encoding does not exist.
   */
  public static boolean deliver(Producer proxy, int encoding, int ssrc, byte[] bytes, long arrivalNanos,
      int audioLevel, boolean keyframe) {
    RtpPacket p = RtpPacket.parse(bytes, 0, bytes.length);
    if (p == null || encoding < 0 || encoding >= proxy.encodings().size() || proxy.isClosed()) {
      return false;
    }
    Encoding enc = proxy.encodings().get(encoding);
    if (!enc.ssrcKnown() || enc.ssrc() != ssrc) {
      enc.setSsrc(ssrc);
    }
    if (proxy.isVideo()) {
      Uplink.noteLayerActivity(enc, p, keyframe, arrivalNanos);
    } else {
      proxy.level().onLevel(audioLevel, arrivalNanos / 1_000_000);
    }
    PacketInfo info = new PacketInfo(p, enc, arrivalNanos, audioLevel, keyframe);
    for (Consumer c : proxy.consumers()) {
      c.onPacket(info);
    }
    return true;
  }

  /** The publisher's sender report for one encoding, to every consumer of the proxy. */
  public static void senderReport(Producer proxy, int encoding, RtcpSr sr) {
    if (encoding < 0 || encoding >= proxy.encodings().size() || proxy.isClosed()) {
      return;
    }
    Encoding enc = proxy.encodings().get(encoding);
    for (Consumer c : proxy.consumers()) {
      c.onSenderReport(enc, sr);
    }
  }
}
