package io.confero.sfu.media;

import io.confero.media.sdp.MediaCapabilities;
import io.confero.media.sdp.MediaKind;
import io.confero.media.sdp.PublishedTrack;
import io.confero.media.sdp.RtpCodec;
import io.confero.sfu.forward.AudioLevelMeter;
import io.confero.sfu.forward.VideoKeyframes;
import io.confero.sfu.simulcast.Dynacast;
import io.confero.sfu.simulcast.LayerActivity;
import io.confero.sfu.simulcast.LayerTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * One incoming track (one publish m-section) of a participant (mediasoup's Producer): its
 * {@link Encoding encodings} (one per simulcast layer; one without simulcast) and the
 * {@link Consumer consumers} it feeds. Touched only on the worker's event loop.
 */
public final class Producer {
  private final String trackId;
  private final String participantId;
  private final TrackSource source;
  private final List<Encoding> encodings;
  private final List<Consumer> consumers = new ArrayList<>();
  /** Which SSRC carries which encoding (rid / rrid / FID / explicit SSRCs); see {@link LayerTable}. */
  private final LayerTable layers;
  /** Which encodings still arrive, their bitrates and key-frame heights (for layer selection). */
  private final LayerActivity activity;
  private Dynacast dynacast;
  /** Smoothed RFC 6464 level of an audio producer (unused for video). */
  private final AudioLevelMeter level = new AudioLevelMeter();
  private PublishedTrack track;
  private boolean muted;
  private boolean closed;

  /**
   * One encoding per rid the publisher announced (RFC 8853), else one per signalled SSRC, else one
   * whose SSRC is learned from the first packet; the publisher's RTX SSRCs come from its FID groups.
   */
  public Producer(String trackId, String participantId, PublishedTrack track, TrackSource source) {
    this.trackId = trackId;
    this.participantId = participantId;
    this.track = track;
    this.source = source;
    List<Encoding> list = new ArrayList<>();
    if (!track.rids().isEmpty()) {
      track.rids().forEach(rid -> list.add(new Encoding(this, list.size(), rid)));
    } else {
      for (Long ssrc : track.ssrcs()) {
        Encoding e = new Encoding(this, list.size(), null);
        e.setSsrc(ssrc.intValue());
        Long rtx = track.rtxSsrcs().get(ssrc);
        if (rtx != null) {
          e.setRtxSsrc(rtx.intValue());
        }
        list.add(e);
      }
      if (list.isEmpty()) {
        list.add(new Encoding(this, 0, null));
      }
    }
    this.encodings = List.copyOf(list);
    this.layers = LayerTable.of(track);
    this.activity = new LayerActivity(encodings.size(), LAYER_STALE_NANOS);
  }

  /** An encoding that sent nothing for this long counts as stopped (paused, or dropped by the encoder). */
  static final long LAYER_STALE_NANOS = 1_000_000_000L;

  /** The dynacast decisions of this producer, created on first use (all encodings active then). */
  public Dynacast dynacast(long pauseAfterNanos, long nowNanos) {
    if (dynacast == null) {
      dynacast = new Dynacast(encodings.size(), pauseAfterNanos, nowNanos);
    }
    return dynacast;
  }

  public LayerTable layers() {
    return layers;
  }

  public LayerActivity activity() {
    return activity;
  }

  /** Whether this is a simulcast track (more than one encoding). */
  public boolean isSimulcast() {
    return encodings.size() > 1;
  }

  /** Whether the primary codec is VP8 (its payload descriptor is rewritten on layer switches). */
  public boolean isVp8() {
    return primaryCodec().name().equalsIgnoreCase("VP8");
  }

  public int ridExtensionId() {
    return track.extensionId(MediaCapabilities.RTP_STREAM_ID);
  }

  public int repairedRidExtensionId() {
    return track.extensionId(MediaCapabilities.REPAIRED_RTP_STREAM_ID);
  }

  public String trackId() {
    return trackId;
  }

  public String participantId() {
    return participantId;
  }

  public TrackSource source() {
    return source;
  }

  public MediaKind kind() {
    return track.kind();
  }

  public boolean isVideo() {
    return track.kind() == MediaKind.VIDEO;
  }

  public String mid() {
    return track.mid();
  }

  /** The m-section as last negotiated (codecs, extension ids, rids, SSRCs). */
  public PublishedTrack track() {
    return track;
  }

  /** A renegotiation kept this m-section: its codecs and extension ids may have changed. */
  public void update(PublishedTrack track) {
    this.track = track;
  }

  /** The encodings, lowest layer first; never empty. */
  public List<Encoding> encodings() {
    return encodings;
  }

  /** The encoding forwarded today (the first; simulcast selection picks among all of them). */
  public Encoding primaryEncoding() {
    return encodings.get(0);
  }

  public List<Consumer> consumers() {
    return Collections.unmodifiableList(consumers);
  }

  public void addConsumer(Consumer c) {
    consumers.add(c);
  }

  public void removeConsumer(Consumer c) {
    consumers.remove(c);
  }

  public boolean isMuted() {
    return muted;
  }

  public void setMuted(boolean muted) {
    this.muted = muted;
  }

  public boolean isClosed() {
    return closed;
  }

  /** Marks the producer gone; its consumers are closed by the owner. */
  public void markClosed() {
    closed = true;
  }

  public AudioLevelMeter level() {
    return level;
  }

  public RtpCodec primaryCodec() {
    return track.codecs().get(0);
  }

  public int clockRate() {
    return primaryCodec().clockRate();
  }

  boolean nackNegotiated() {
    return isVideo() && primaryCodec().rtcpFeedback().contains("nack");
  }

  /** True for payload types that carry retransmissions (RFC 4588), which we do not forward as media. */
  public boolean isRtxPayloadType(int pt) {
    return track.codecs().stream().anyMatch(c -> c.rtxPayloadType() == pt);
  }

  /** The primary payload type that rtx payload type {@code rtxPt} repairs (its apt), or -1. */
  public int primaryPayloadTypeFor(int rtxPt) {
    for (RtpCodec c : track.codecs()) {
      if (c.rtxPayloadType() == rtxPt) {
        return c.payloadType();
      }
    }
    return -1;
  }

  /** Whether an RTP payload starts a keyframe, by the codec of its payload type; audio always does. */
  public boolean isKeyframe(int pt, byte[] buf, int off, int len) {
    if (!isVideo()) {
      return true;
    }
    for (RtpCodec c : track.codecs()) {
      if (c.payloadType() == pt) {
        return switch (c.name().toUpperCase(Locale.ROOT)) {
          case "VP8" -> VideoKeyframes.isVp8Keyframe(buf, off, len);
          case "H264" -> VideoKeyframes.isH264Keyframe(buf, off, len);
          case "VP9" -> VideoKeyframes.isVp9Keyframe(buf, off, len);
          default -> false;
        };
      }
    }
    return false;
  }

  /** The publisher's header-extension URI → id map as negotiated (RFC 8285); replaced on renegotiation. */
  public Map<String, Integer> headerExtensions() {
    return track.headerExtensions();
  }

  public int midExtensionId() {
    return track.extensionId(MediaCapabilities.SDES_MID);
  }

  /** The publisher's id for the RFC 6464 audio level extension, -1 when not negotiated. */
  public int audioLevelExtensionId() {
    return track.extensionId(MediaCapabilities.AUDIO_LEVEL);
  }

  public int transportCcExtensionId() {
    return track.extensionId(MediaCapabilities.TRANSPORT_CC);
  }
}
