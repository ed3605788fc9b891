package io.confero.recording.capture;

import io.confero.media.rtcp.RtcpSr;
import io.confero.media.rtp.RtpPacket;
import io.confero.recording.format.TrackRecord;
import io.confero.sfu.media.Consumer;
import io.confero.sfu.media.Encoding;
import io.confero.sfu.media.PacketInfo;
import io.confero.sfu.media.Producer;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * A {@link Consumer} that records one producer's best flowing encoding (the highest simulcast layer
 * that carries packets, see {@link LayerChoice}) to a {@link TrackFileWriter}: each packet as
 * received (SRTP already removed, RTX already unwrapped; no decoding) with its arrival time, and
 * each of its sender reports. Runs on the SFU worker's event loop; the writer only buffers there
 * and writes on its worker executor.
 */
public final class RecorderConsumer implements Consumer {
  private final Producer producer;
  private final LayerChoice choice;
  private final java.util.function.BiConsumer<RecorderConsumer, Encoding> chosen;
  private final Function<Integer, TrackFileWriter> open;
  private Encoding encoding;
  private final LongSupplier wallMicros;
  private final Runnable onClose;
  private TrackFileWriter writer;
  private boolean closed;

  /**
   * @param open opens the track's writer for the SSRC seen on the first packet
   * @param chosen told once which encoding is recorded (a video recorder asks it for a keyframe)
   * @param onClose told once when this consumer closes (its writer is then closed by the owner)
   */
  public RecorderConsumer(Producer producer, Function<Integer, TrackFileWriter> open,
      java.util.function.BiConsumer<RecorderConsumer, Encoding> chosen, LongSupplier wallMicros, Runnable onClose) {
    this.producer = producer;
    this.choice = new LayerChoice(producer.encodings().size());
    this.chosen = chosen;
    this.open = open;
    this.wallMicros = wallMicros;
    this.onClose = onClose;
  }

  @Override
  public Producer producer() {
    return producer;
  }

  /** The encoding recorded, or null until the first packets decided it. */
  public Encoding encoding() {
    return encoding;
  }

  /** The writer, once the first packet arrived; else null. */
  public TrackFileWriter writer() {
    return writer;
  }

  @Override
  public void onPacket(PacketInfo info) {
    if (closed) {
      return;
    }
    if (encoding == null) {
      int layer = choice.onPacket(info.encoding().index(), wallMicros.getAsLong());
      if (layer < 0) {
        return;
      }
      encoding = producer.encodings().get(layer);
      chosen.accept(this, encoding);
    }
    if (info.encoding() != encoding) {
      return;
    }
    RtpPacket p = info.packet();
    if (writer == null) {
      writer = open.apply(p.ssrc());
    }
    byte[] copy = new byte[p.length()];
    System.arraycopy(p.buffer(), p.offset(), copy, 0, copy.length);
    writer.append(new TrackRecord.Rtp(wallMicros.getAsLong(), copy));
  }

  @Override
  public void onSenderReport(Encoding e, RtcpSr sr) {
    if (closed || encoding == null || e != encoding || writer == null) {
      return;
    }
    writer.append(new TrackRecord.SenderReport(wallMicros.getAsLong(), sr.ntpTimestamp(), sr.rtpTimestamp(),
        sr.packetCount(), sr.octetCount()));
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      onClose.run();
    }
  }
}
