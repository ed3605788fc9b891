package io.confero.sfu.metrics;

import java.util.Locale;

/**
 * Why the SFU dropped a datagram or packet, wherever that happened (mediasoup keeps one such enum
 * for its whole worker): the UDP port, ICE, DTLS/SRTP, the receive path or a consumer's
 * {@link io.confero.sfu.forward.Forwarder}. Each reason is a counter in {@code /metrics}
 * ({@code confero_sfu_drops_total{reason="<tag>"}}).
 */
public enum DropReason {
  /** Neither STUN, DTLS nor RTP/RTCP by its first byte (RFC 7983). */
  NOT_WEBRTC,
  /** A STUN message whose USERNAME names no transport of this worker. */
  UNKNOWN_UFRAG,
  /** A connectivity check answered with a STUN error (role conflict, bad request). */
  ICE_REJECTED,
  /** Not STUN (RFC 7983 first byte / magic cookie) or not parseable. */
  NOT_STUN,
  /** A STUN message but not a Binding request (a Binding indication keepalive lands here too). */
  NOT_BINDING_REQUEST,
  /** No FINGERPRINT, which RFC 8445 §7.1/§7.3 requires on connectivity checks. */
  MISSING_FINGERPRINT,
  /** FINGERPRINT present but wrong (RFC 8489 §14.7). */
  BAD_FINGERPRINT,
  /** No USERNAME or no MESSAGE-INTEGRITY: not a check of ours; no answer, so no amplification. */
  MISSING_CREDENTIALS,
  /** USERNAME is not {@code <our ufrag>:<their ufrag>} (RFC 8445 §7.3). */
  WRONG_UFRAG,
  /** MESSAGE-INTEGRITY does not verify under our ice-pwd (RFC 8489 §9.1.3). */
  BAD_INTEGRITY,
  /** A non-STUN datagram from an address no valid check came from. */
  UNKNOWN_SOURCE,
  DTLS_NOT_READY, SRTP_NOT_READY, SRTP_FAILED, MALFORMED_RTP, MALFORMED_RTCP, UNKNOWN_SSRC,
  NO_SUBSCRIBER_TRANSPORT, MUTED, TOO_LARGE,
  /** The subscriber does not show the track (video_quality 0). */
  NOT_SHOWN,
  /** A publisher's RTX packet without an original inside (padding-only bandwidth probe) or for no known track. */
  RTX_PADDING,
  /** A publisher's RTX packet repeating one we already have (a probe made of old packets, or a late repair). */
  RTX_DUPLICATE,
  /** Forwarder: video source selected but no keyframe seen yet; the owner should request one (throttled). */
  WAITING_FOR_KEYFRAME,
  /** Forwarder: the packet's SSRC is neither the current nor the pending source. */
  NOT_SELECTED,
  /** Forwarder: forwarding is paused (no source selected). */
  PAUSED,
  /** Forwarder: older than the point where the current source started being forwarded. */
  TOO_OLD,
  /** A packet names (rid / repaired rid, RFC 8852) a simulcast layer the publisher did not negotiate. */
  UNKNOWN_RID,
  /** A packet's rid or role disagrees with the layer its SSRC is bound to (never moved between layers). */
  LAYER_CONFLICT,
  /** A packet piped from another worker for a producer this worker has no proxy of (it just closed or left). */
  PIPE_ORPHAN,
  /** The far worker of a pipe has not handled the packets already posted to it (stalled): not piped. */
  PIPE_OVERFLOW;

  /** The metric tag: the name in lower case. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
