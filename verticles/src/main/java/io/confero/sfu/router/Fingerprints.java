package io.confero.sfu.router;

import io.confero.media.sdp.Fingerprint;
import io.confero.media.sdp.MediaDescription;
import io.confero.media.sdp.SdpNegotiationException;
import io.confero.media.sdp.SessionDescription;

/** The DTLS certificate fingerprint an offer carries (RFC 8122), at session or media level. */
final class Fingerprints {
  private Fingerprints() {
  }

  static String sha256(SessionDescription offer) throws SdpNegotiationException {
    for (Fingerprint f : offer.fingerprints()) {
      if (f.hashFunction().equalsIgnoreCase("sha-256")) {
        return f.value();
      }
    }
    for (MediaDescription m : offer.media()) {
      for (Fingerprint f : m.fingerprints()) {
        if (f.hashFunction().equalsIgnoreCase("sha-256")) {
          return f.value();
        }
      }
    }
    throw new SdpNegotiationException("offer has no sha-256 fingerprint (RFC 8122)");
  }
}
