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
 * A {@link Consumer} that records one producer's best encoding (the last, highest simulcast layer)
 * to a {@link TrackFileWriter}: each packet as received (SRTP already removed, RTX already
 * unwrapped; no decoding) with its arrival time, and each of its sender reports. Runs on the SFU
 * worker's event loop; the writer only buffers there and writes on its worker executor.
 */
public final class RecorderConsumer implements Consumer {
  private final Producer producer;
  private final Encoding encoding;
  private final Function<Integer, TrackFileWriter> open;
  private final LongSupplier wallMicros;
  private final Runnable onClose;
  private TrackFileWriter writer;
  private boolean closed;

  /**
   * @param open opens the track's writer for the SSRC seen on the first packet
   * @param onClose told once when this consumer closes (its writer is then closed by the owner)
   */
  public RecorderConsumer(Producer producer, Function<Integer, TrackFileWriter> open, LongSupplier wallMicros,
      Runnable onClose) {
    this.producer = producer;
    this.encoding = producer.encodings().get(producer.encodings().size() - 1);
    this.open = open;
    this.wallMicros = wallMicros;
    this.onClose = onClose;
  }

  @Override
  public Producer producer() {
    return producer;
  }

  /** The encoding recorded. */
  public Encoding encoding() {
    return encoding;
  }

  /** The writer, once the first packet arrived; else null. */
  public TrackFileWriter writer() {
    return writer;
  }

  @Override
  public void onPacket(PacketInfo info) {
    if (closed || info.encoding() != encoding) {
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
    if (closed || e != encoding || writer == null) {
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
