package io.confero.sfu.media;

import io.confero.media.rtp.ExtensionRewrite;
import io.confero.media.rtp.RtpPacket;
import io.confero.media.sdp.MediaCapabilities;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The RTP header extensions (RFC 8285) of one outgoing stream as its subscriber negotiated them:
 * the URI → id map its answer kept for the m-section, and the rewrite of a publisher's ids into
 * it, rebuilt only when the publisher's map changes (renegotiation replaces it). A Firefox
 * publisher's abs-send-time at 4 is Chromium's mid id, so ids never pass through unchanged.
 * Worker event loop only.
 */
final class SubscriberExtensions {
  /**
   * Extensions whose values belong to the publisher's session (its mids and rids), never forwarded:
   * the subscriber demultiplexes by our SSRC.
   */
  private static final Set<String> NOT_FORWARDED = Set.of(MediaCapabilities.SDES_MID,
      MediaCapabilities.RTP_STREAM_ID, MediaCapabilities.REPAIRED_RTP_STREAM_ID);

  /** The subscriber's URI → id from its answer; empty before it. */
  private Map<String, Integer> negotiated = Map.of();
  /** Publisher ids → subscriber ids, for the publisher map it was built from. */
  private ExtensionRewrite rewrite = ExtensionRewrite.DROP_ALL;
  private Map<String, Integer> rewriteSource;

  /** Applies the subscriber's answer for this m-section (URI → id). */
  void set(Map<String, Integer> extensions) {
    this.negotiated = Map.copyOf(extensions);
    this.rewriteSource = null;
  }

  /** The subscriber's transport-wide-cc extension id; -1 before its answer or when not negotiated. */
  int transportCcId() {
    return negotiated.getOrDefault(MediaCapabilities.TRANSPORT_CC, -1);
  }

  /**
   * Moves {@code q}'s extensions from the {@code publisher}'s ids to the subscriber's, dropping the
   * rest; the transport-cc element, now at the subscriber's id, is later stamped by the downlink with
   * its own sequence.
   */
  void retag(Map<String, Integer> publisher, RtpPacket q) {
    if (publisher != rewriteSource) {
      rewrite = rewriteBetween(publisher, negotiated);
      rewriteSource = publisher;
    }
    rewrite.apply(q);
  }

  /** The publisher's extension ids → the subscriber's, for what both negotiated and is not publisher-specific. */
  static ExtensionRewrite rewriteBetween(Map<String, Integer> publisher, Map<String, Integer> subscriber) {
    Map<Integer, Integer> ids = new HashMap<>();
    publisher.forEach((uri, id) -> {
      Integer to = subscriber.get(uri);
      if (to != null && !NOT_FORWARDED.contains(uri)) {
        ids.put(id, to);
      }
    });
    return ExtensionRewrite.of(ids);
  }
}
