package io.confero.sfu.cascade;

import io.confero.media.srtp.SrtpKeys;
import io.confero.media.srtp.SrtpProfile;
import io.confero.media.srtp.SrtpSession;
import java.security.SecureRandom;

/**
 * The SRTP master keys of one cascade link: the node that opens the link draws fresh keys for
 * both directions (RFC 3711 §8.2: a master key per session, never reused across links), sends them
 * to the far node over the clustered event bus, and each side keys its session by its role — the
 * opener protects with the "client" half, the far node with the "server" half.
 */
public final class LinkKeys {
  /** RFC 7714 AES-GCM: authenticated encryption with one pass. */
  public static final SrtpProfile PROFILE = SrtpProfile.AEAD_AES_128_GCM;

  private LinkKeys() {
  }

  /** Fresh keys for a new link. */
  public static SrtpKeys generate(SecureRandom random) {
    byte[] clientKey = new byte[PROFILE.keyLength()];
    byte[] clientSalt = new byte[PROFILE.saltLength()];
    byte[] serverKey = new byte[PROFILE.keyLength()];
    byte[] serverSalt = new byte[PROFILE.saltLength()];
    random.nextBytes(clientKey);
    random.nextBytes(clientSalt);
    random.nextBytes(serverKey);
    random.nextBytes(serverSalt);
    return new SrtpKeys(PROFILE, clientKey, clientSalt, serverKey, serverSalt);
  }

  /** The session of one end: {@code opener} is true on the node that drew the keys. */
  public static SrtpSession session(SrtpKeys keys, boolean opener) {
    return new SrtpSession(keys, opener, CascadeLink.MAX_STREAMS * 2, CascadeLink.MAX_STREAMS * 2);
  }
}
