package io.confero.sfu.cascade;

import java.util.Locale;

/** Why a cascade link dropped a datagram or could not repair a loss; each a counter of the link. */
public enum LinkDrop {
  /** SRTP/SRTCP authentication or replay check failed (not our peer, or a replay). */
  SRTP_FAILED,
  /** Authenticated but not a link packet or RTCP of this format. */
  MALFORMED,
  /** A link packet that arrived twice (a late repair of one already delivered). */
  DUPLICATE,
  /** More far streams than a link tracks: the peer misbehaves. */
  TOO_MANY_STREAMS,
  /** A NACK named a packet no longer cached: not repaired (the subscriber's own repair or a keyframe follows). */
  NOT_CACHED,
  /** The local buffer could not hold the packet (larger than a datagram). */
  TOO_LARGE;

  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
