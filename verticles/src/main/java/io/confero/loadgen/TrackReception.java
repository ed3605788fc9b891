package io.confero.loadgen;

import io.confero.media.rtp.RtpPacket;

/**
 * What a load participant received of one remote track, after SRTP authentication: packets and
 * bytes, and for video the frames completed (marker bit), keyframes and the size the last keyframe
 * announced. Updated by one receive thread; read from any thread.
 */
public final class TrackReception {
  private final String trackId;
  private final String participantId;
  private final String kind;
  private volatile long packets;
  private volatile long bytes;
  private volatile long frames;
  private volatile long keyframes;
  private volatile int width;
  private volatile int height;
  private volatile long lastPacketNanos;

  TrackReception(String trackId, String participantId, String kind) {
    this.trackId = trackId;
    this.participantId = participantId;
    this.kind = kind;
  }

  void onPacket(RtpPacket p, long nowNanos) {
    packets++;
    bytes += p.payloadLength();
    lastPacketNanos = nowNanos;
    if (!"video".equals(kind)) {
      return;
    }
    if (p.marker()) {
      frames++;
    }
    int size = Vp8Rtp.keyframeSize(p.buffer(), p.payloadOffset(), p.payloadLength());
    if (size > 0) {
      keyframes++;
      width = size >>> 16;
      height = size & 0xFFFF;
    }
  }

  /** One consistent-enough copy of the counters. */
  public Snapshot snapshot() {
    return new Snapshot(trackId, participantId, kind, packets, bytes, frames, keyframes, width, height, lastPacketNanos);
  }

  /** Counters of one track at one moment. */
  public record Snapshot(String trackId, String participantId, String kind, long packets, long bytes, long frames,
      long keyframes, int width, int height, long lastPacketNanos) {
  }
}
