package io.confero.sfu.pipe;

import io.confero.media.rtcp.RtcpSr;
import io.confero.media.rtp.RtpPacket;
import io.confero.sfu.media.Consumer;
import io.confero.sfu.media.Encoding;
import io.confero.sfu.media.PacketInfo;
import io.confero.sfu.media.Producer;
import io.confero.sfu.metrics.DropReason;
import io.confero.sfu.metrics.SfuMetrics;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The source end of a pipe: one producer of this worker feeding its proxy on another worker of the
 * node (mediasoup's PipeConsumer). Every packet of every encoding crosses, so the far worker picks
 * the layer per subscriber; the packet is copied (the receive path only lends its bytes) and the
 * copy posted to the far worker's event loop. What the far subscribers need comes back as a layer
 * mask ({@link #setNeededLayers}) and takes part in this producer's dynacast. Runs on the source
 * worker's loop only.
 */
public final class PipeConsumer implements Consumer {
  private final String meetingId;
  private final Producer producer;
  private final int target;
  private final PipeNet net;
  private final Runnable counter;
  private final SfuMetrics metrics;
  /** Packets posted to the far worker and not yet handled there: bounded, so a stalled worker costs no memory. */
  private final AtomicInteger inFlight = new AtomicInteger();
  /** The far subscribers' layers; every layer until they say otherwise. */
  private int needed;
  private boolean closed;

  /** More packets than a worker's loop holds in a second of a large meeting: beyond, the far worker is stalled. */
  public static final int MAX_IN_FLIGHT = 4096;

  public PipeConsumer(String meetingId, Producer producer, int target, PipeNet net, SfuMetrics metrics) {
    this.meetingId = meetingId;
    this.metrics = metrics;
    this.producer = producer;
    this.target = target;
    this.net = net;
    this.counter = net.packetCounter(target);
    this.needed = (1 << producer.encodings().size()) - 1;
  }

  /** The worker this pipe feeds. */
  public int target() {
    return target;
  }

  @Override
  public Producer producer() {
    return producer;
  }

  @Override
  public void onPacket(PacketInfo info) {
    if (closed) {
      return;
    }
    if (inFlight.get() >= MAX_IN_FLIGHT) {
      metrics.drop(DropReason.PIPE_OVERFLOW);
      return;
    }
    RtpPacket p = info.packet();
    byte[] copy = Arrays.copyOfRange(p.buffer(), p.offset(), p.offset() + p.length());
    Encoding e = info.encoding();
    inFlight.incrementAndGet();
    if (net.post(target, new PipeMessage.Packet(meetingId, producer.trackId(), e.index(), p.ssrc(), copy,
        info.arrivalNanos(), info.audioLevel(), info.keyframe(), inFlight))) {
      counter.run();
    } else {
      inFlight.decrementAndGet();
    }
  }

  @Override
  public void onSenderReport(Encoding encoding, RtcpSr sr) {
    if (!closed) {
      net.post(target, new PipeMessage.SenderReport(meetingId, producer.trackId(), encoding.index(), sr));
    }
  }

  /** The layers the far worker's subscribers need now (bit i = encoding i). */
  public void setNeededLayers(int mask) {
    needed = mask;
  }

  @Override
  public int neededLayers(int mask) {
    return mask | needed;
  }

  /** Tells the far worker the producer is gone there (its proxy and the proxy's consumers close). */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      net.post(target, new PipeMessage.ProducerClosed(meetingId, producer.trackId()));
    }
  }
}
