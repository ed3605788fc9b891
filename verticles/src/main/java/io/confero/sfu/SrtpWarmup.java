package io.confero.sfu;

import io.confero.media.srtp.SrtpKeys;
import io.confero.media.srtp.SrtpProfile;
import io.confero.media.srtp.SrtpSession;
import java.security.SecureRandom;

/**
 * Runs each SRTP profile once at start-up, on the launching thread. jitsi-srtp picks its AES
 * implementation with a one-time speed test on first use; left to the first real packet, that
 * test would stall an SFU event loop for seconds.
 */
public final class SrtpWarmup {
  private SrtpWarmup() {}

  /** Protects and unprotects one RTP and one RTCP packet per profile; returns how many round trips passed. */
  public static int run() {
    SecureRandom random = new SecureRandom();
    int ok = 0;
    for (SrtpProfile profile : SrtpProfile.values()) {
      byte[] material = new byte[profile.exporterLength()];
      random.nextBytes(material);
      SrtpKeys keys = SrtpKeys.fromExporter(profile, material);
      try (SrtpSession client = SrtpSession.forDtlsClient(keys); SrtpSession server = SrtpSession.forDtlsServer(keys)) {
        byte[] rtp = new byte[200];
        rtp[0] = (byte) 0x80;
        rtp[1] = 96;
        rtp[11] = 1;
        int n = client.protectRtp(rtp, 0, 100);
        if (n > 0 && server.unprotectRtp(rtp, 0, n) == 100) {
          ok++;
        }
        byte[] rtcp = new byte[200];
        rtcp[0] = (byte) 0x80;
        rtcp[1] = (byte) 201;
        rtcp[3] = 1;
        rtcp[7] = 1;
        int m = client.protectRtcp(rtcp, 0, 8);
        if (m > 0 && server.unprotectRtcp(rtcp, 0, m) == 8) {
          ok++;
        }
      }
    }
    return ok;
  }
}
