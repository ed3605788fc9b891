package io.confero.sfu.pipe;

import io.confero.media.rtcp.RtcpSr;
import io.confero.media.sdp.PublishedTrack;
import io.confero.sfu.media.TrackSource;

/**
 * What one SFU worker tells another about a meeting both host (mediasoup's {@code pipeToRouter},
 * done in memory): every message is an immutable value posted to the receiving worker's event loop,
 * so no media state is shared between workers. Downstream (source worker → worker with
 * subscribers): producers opening, changing and closing, their packets and sender reports.
 * Upstream: keyframe requests and the simulcast layers the far subscribers need (dynacast).
 */
public sealed interface PipeMessage {
  String meetingId();

  /**
   * Worker {@code from} hosts the meeting now (its first participant arrived): a worker that hosts
   * it too pipes it every producer it owns and answers with {@link HelloAck}.
   */
  record Hello(String meetingId, int from) implements PipeMessage {}

  /** The answer to {@link Hello}: {@code hosting} when {@code from} hosts the meeting (its producers were sent first). */
  record HelloAck(String meetingId, int from, boolean hosting) implements PipeMessage {}

  /** Worker {@code from} no longer hosts the meeting: pipes toward it close. */
  record Bye(String meetingId, int from) implements PipeMessage {}

  /**
   * A producer of worker {@code from} is piped here: a proxy producer with the same ids, codecs and
   * encodings appears (the encodings' SSRCs are learned from the piped packets).
   */
  record ProducerOpened(String meetingId, int from, String trackId, String participantId, PublishedTrack track,
      TrackSource source, boolean muted) implements PipeMessage {}

  /** A renegotiation changed the producer's codecs or extension ids. */
  record ProducerUpdated(String meetingId, String trackId, PublishedTrack track) implements PipeMessage {}

  /** The producer was muted or unmuted (its packets stop at the source while muted). */
  record ProducerMuted(String meetingId, String trackId, boolean muted) implements PipeMessage {}

  /** The producer ended (or the pipe closed): the proxy and its consumers go. */
  record ProducerClosed(String meetingId, String trackId) implements PipeMessage {}

  /**
   * One RTP packet of encoding {@code encoding} (its SSRC {@code ssrc}) as the source worker
   * received it, RTX already unwrapped: {@code bytes} is a copy of the packet, owned by the message.
   * {@code inFlight} is the pipe's count of packets posted and not yet handled (the one counter
   * both ends touch): the receiver calls {@link #handled()} once it is done with the packet.
   */
  record Packet(String meetingId, String trackId, int encoding, int ssrc, byte[] bytes, long arrivalNanos,
      int audioLevel, boolean keyframe, java.util.concurrent.atomic.AtomicInteger inFlight) implements PipeMessage {
    /** The receiving worker handled (or dropped) the packet. */
    public void handled() {
      inFlight.decrementAndGet();
    }
  }

  /** The publisher's sender report for one encoding (lip sync on the far side). */
  record SenderReport(String meetingId, String trackId, int encoding, RtcpSr sr) implements PipeMessage {}

  /** Upstream: a subscriber on worker {@code from} needs a keyframe of one encoding. */
  record KeyframeRequest(String meetingId, int from, String trackId, int encoding) implements PipeMessage {}

  /** Upstream: the layers (bit i = encoding i) the subscribers on worker {@code from} need of a producer. */
  record NeededLayers(String meetingId, int from, String trackId, int mask) implements PipeMessage {}
}
