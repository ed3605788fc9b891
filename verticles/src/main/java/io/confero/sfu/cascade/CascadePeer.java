package io.confero.sfu.cascade;

import io.confero.media.srtp.SrtpKeys;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * What one SFU worker knows of one worker of another node it shares meetings with: its pipe index
 * on this worker (beyond the node's own workers), its link address, the link once keyed, and the
 * link streams in each direction (a producer's encoding {@code i} is stream {@code base + i}).
 * Touched on the owning worker's loop only.
 */
final class CascadePeer {
  /** Stream ids of one producer: one per encoding, at most this many. */
  static final int STREAMS_PER_PRODUCER = LinkPacket.MAX_ENCODING + 1;

  /** A producer relayed over the link. */
  record Stream(String meetingId, String trackId) {}

  final CascadeMessage.Endpoint endpoint;
  final int index;
  InetSocketAddress address;
  SrtpKeys keys;
  CascadeLink link;
  /** Our producers sent to this peer: track id → stream base, and back. */
  final Map<String, Integer> outByTrack = new HashMap<>();
  final Map<Integer, Stream> outByBase = new HashMap<>();
  /** The peer's producers received: stream base → producer, and track id → base. */
  final Map<Integer, Stream> inByBase = new HashMap<>();
  final Map<String, Integer> inByTrack = new HashMap<>();

  CascadePeer(CascadeMessage.Endpoint endpoint, int index) {
    this.endpoint = endpoint;
    this.index = index;
  }

  static int base(int streamId) {
    return streamId - streamId % STREAMS_PER_PRODUCER;
  }

  void sent(int base, String meetingId, String trackId) {
    outByTrack.put(trackId, base);
    outByBase.put(base, new Stream(meetingId, trackId));
  }

  void unsent(String trackId) {
    Integer base = outByTrack.remove(trackId);
    if (base != null) {
      outByBase.remove(base);
      if (link != null) {
        for (int i = 0; i < STREAMS_PER_PRODUCER; i++) {
          link.forgetOutbound(base + i);
        }
      }
    }
  }

  void received(int base, String meetingId, String trackId) {
    Integer old = inByTrack.put(trackId, base);
    if (old != null) {
      inByBase.remove(old);
    }
    inByBase.put(base, new Stream(meetingId, trackId));
  }

  void unreceived(String trackId) {
    Integer base = inByTrack.remove(trackId);
    if (base != null) {
      inByBase.remove(base);
      if (link != null) {
        for (int i = 0; i < STREAMS_PER_PRODUCER; i++) {
          link.forgetInbound(base + i);
        }
      }
    }
  }
}
