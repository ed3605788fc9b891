package io.confero.recording.depacketize;

import io.confero.recording.format.TrackCodec;
import io.confero.recording.format.TrackRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one track's recorded RTP into a file ffmpeg decodes: VP8 to IVF, H.264 to Annex B access
 * units in IVF, Opus to Ogg Opus. Pure: bytes in, bytes out.
 */
public final class TrackDepacketizer {
  /** How long the last video frame is taken to show (one frame at 30 fps). */
  static final double FRAME_SECONDS = 1 / 30.0;

  private TrackDepacketizer() {
  }

  /** Depacketizes {@code records} of the track with {@code ssrc}; {@code null} when no media survives. */
  public static Depacketized depacketize(TrackCodec codec, int ssrc, List<TrackRecord> records) {
    RtpOrder.Result ordered = RtpOrder.order(records, ssrc);
    if (ordered.packets().isEmpty()) {
      return null;
    }
    return switch (codec) {
      case OPUS -> opus(ordered, ssrc);
      case VP8 -> video(ordered, Vp8Format.INSTANCE, "VP80");
      case H264 -> video(ordered, H264Format.INSTANCE, "H264");
      case NONE -> null;
    };
  }

  private static Depacketized opus(RtpOrder.Result ordered, int ssrc) {
    List<OggOpusWriter.Packet> packets = new ArrayList<>(ordered.packets().size());
    for (OrderedPacket p : ordered.packets()) {
      packets.add(new OggOpusWriter.Packet(p.timestamp(), p.atMicros(), p.payload()));
    }
    packets.sort(java.util.Comparator.comparingLong(OggOpusWriter.Packet::timestamp));
    long origin = packets.get(0).timestamp();
    OggOpusWriter.Result r = OggOpusWriter.write(ssrc, 2, origin, packets);
    int written = packets.size() - r.dropped();
    if (written == 0) {
      return null;
    }
    return new Depacketized(r.bytes(), "ogg", origin, atOf(ordered.packets(), origin), written, r.dropped(),
        r.concealed(), ordered.invalid(), r.samples() / 48_000.0);
  }

  private static Depacketized video(RtpOrder.Result ordered, PayloadFormat format, String fourcc) {
    FrameAssembler.Result r = FrameAssembler.assemble(ordered.packets(), format);
    if (r.frames().isEmpty()) {
      return null;
    }
    VideoFrame first = r.frames().get(0);
    int[] size = format == Vp8Format.INSTANCE ? Vp8Format.keyframeSize(first.data()) : new int[] {0, 0};
    byte[] ivf = IvfWriter.write(fourcc, size[0], size[1], TrackCodec.VP8.clockRate(), first.timestamp(), r.frames());
    VideoFrame last = r.frames().get(r.frames().size() - 1);
    double seconds = (last.timestamp() - first.timestamp()) / (double) TrackCodec.VP8.clockRate() + FRAME_SECONDS;
    return new Depacketized(ivf, "ivf", first.timestamp(), first.atMicros(), r.frames().size(), r.droppedFrames(), 0,
        ordered.invalid(), seconds);
  }

  private static long atOf(List<OrderedPacket> packets, long timestamp) {
    for (OrderedPacket p : packets) {
      if (p.timestamp() == timestamp) {
        return p.atMicros();
      }
    }
    return packets.get(0).atMicros();
  }
}
