package io.confero.sfu;

import io.confero.codecs.sfu.TrackInfo;
import io.confero.media.sdp.MediaCapabilities;
import io.confero.media.sdp.MediaKind;
import io.confero.media.sdp.PublishedTrack;
import io.confero.media.sdp.RtpCodec;
import io.confero.sfu.forward.AudioLevelMeter;
import io.confero.sfu.forward.KeyframeRequestThrottle;
import io.confero.sfu.forward.NackGenerator;
import io.confero.sfu.forward.ReceptionStats;
import io.confero.sfu.forward.VideoKeyframes;
import java.util.ArrayList;
import java.util.List;

/** One incoming track (one publish m-section) of a participant, and the consumers it feeds. */
final class Producer {
  final String trackId;
  final Peer owner;
  final String source;
  final List<Consumer> consumers = new ArrayList<>();
  final KeyframeRequestThrottle keyframes = new KeyframeRequestThrottle();
  /** Smoothed RFC 6464 level of an audio producer (unused for video). */
  final AudioLevelMeter level = new AudioLevelMeter();
  PublishedTrack track;
  int ssrc;
  boolean ssrcKnown;
  /** What arrived on {@link #ssrc}, reported back to the publisher in receiver reports. */
  ReceptionStats reception;
  /** The publisher's RTX SSRC for {@link #ssrc} (RFC 4588), from {@code a=ssrc-group:FID} or learned by mid. */
  int rtxSsrc;
  boolean rtxSsrcKnown;
  /** Loss detection on {@link #ssrc} for our NACKs to the publisher; null until the first packet. */
  NackGenerator nack;
  private int nackSsrc;
  /** Sequence numbers of one NACK, reused: at most this many per message. */
  final int[] nackBatch = new int[64];
  boolean muted;

  Producer(String trackId, Peer owner, PublishedTrack track, String source) {
    this.trackId = trackId;
    this.owner = owner;
    this.track = track;
    this.source = source;
    if (!track.ssrcs().isEmpty()) {
      ssrc = track.ssrcs().get(0).intValue();
      ssrcKnown = true;
      Long rtx = track.rtxSsrcs().get(track.ssrcs().get(0));
      if (rtx != null) {
        rtxSsrc = rtx.intValue();
        rtxSsrcKnown = true;
      }
    }
  }

  String mid() {
    return track.mid();
  }

  boolean isVideo() {
    return track.kind() == MediaKind.VIDEO;
  }

  RtpCodec primaryCodec() {
    return track.codecs().get(0);
  }

  int clockRate() {
    return primaryCodec().clockRate();
  }

  /** True for payload types that carry retransmissions (RFC 4588), which we do not forward as media. */
  boolean isRtxPayloadType(int pt) {
    return track.codecs().stream().anyMatch(c -> c.rtxPayloadType() == pt);
  }

  /** The primary payload type that rtx payload type {@code rtxPt} repairs (its apt), or -1. */
  int primaryPayloadTypeFor(int rtxPt) {
    for (RtpCodec c : track.codecs()) {
      if (c.rtxPayloadType() == rtxPt) {
        return c.payloadType();
      }
    }
    return -1;
  }

  /**
   * Loss detection of the primary SSRC, created on its first packet; null for audio and for video
   * whose publisher did not negotiate generic NACK (RFC 4585 §4.2 {@code a=rtcp-fb:* nack}).
   */
  NackGenerator nack() {
    if (!isVideo() || !primaryCodec().rtcpFeedback().contains("nack")) {
      return null;
    }
    if (nack == null || nackSsrc != ssrc) {
      nack = NackGenerator.withDefaults();
      nackSsrc = ssrc;
    }
    return nack;
  }

  boolean isKeyframe(int pt, byte[] buf, int off, int len) {
    if (!isVideo()) {
      return true;
    }
    for (RtpCodec c : track.codecs()) {
      if (c.payloadType() == pt) {
        return switch (c.name().toUpperCase(java.util.Locale.ROOT)) {
          case "VP8" -> VideoKeyframes.isVp8Keyframe(buf, off, len);
          case "H264" -> VideoKeyframes.isH264Keyframe(buf, off, len);
          case "VP9" -> VideoKeyframes.isVp9Keyframe(buf, off, len);
          default -> false;
        };
      }
    }
    return false;
  }

  /** Reception statistics of the primary SSRC, created on its first packet. */
  ReceptionStats reception() {
    if (reception == null || reception.ssrc() != ssrc) {
      reception = new ReceptionStats(ssrc, clockRate());
    }
    return reception;
  }

  int midExtensionId() {
    return track.extensionId(MediaCapabilities.SDES_MID);
  }

  /** The publisher's id for the RFC 6464 audio level extension, -1 when not negotiated. */
  int audioLevelExtensionId() {
    return track.extensionId(MediaCapabilities.AUDIO_LEVEL);
  }

  int transportCcExtensionId() {
    return track.extensionId(MediaCapabilities.TRANSPORT_CC);
  }

  TrackInfo info() {
    return new TrackInfo(trackId, owner.participantId, isVideo() ? "video" : "audio", source, muted);
  }
}
