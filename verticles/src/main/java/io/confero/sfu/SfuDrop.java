package io.confero.sfu;

/** Why the SFU dropped a datagram or packet; each reason is a counter in {@code /metrics}. */
public enum SfuDrop {
  NOT_WEBRTC, UNKNOWN_UFRAG, ICE_REJECTED, UNKNOWN_SOURCE, DTLS_NOT_READY, SRTP_NOT_READY, SRTP_FAILED,
  MALFORMED_RTP, MALFORMED_RTCP, UNKNOWN_SSRC, NO_SUBSCRIBER_TRANSPORT, MUTED, WAITING_FOR_KEYFRAME,
  FORWARDER, TOO_LARGE, NOT_SHOWN,
  /** A publisher's RTX packet without an original inside (padding-only bandwidth probe) or for no known track. */
  RTX_PADDING,
  /** A publisher's RTX packet repeating one we already have (a probe made of old packets, or a late repair). */
  RTX_DUPLICATE;

  public String tag() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
