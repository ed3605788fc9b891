package io.confero.api;

import io.confero.store.Tokens;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * The host key of a meeting created from the home page: 32 random bytes (base64url, 43
 * characters), shown once to its creator. Only its SHA-256 is stored: the key has 256 bits of
 * entropy, so a fast unsalted hash is sound, and a leaked database row does not let anyone host.
 */
final class HostKey {
  static final int BYTES = 32;

  private HostKey() {}

  static String generate(SecureRandom random) {
    return Tokens.randomToken(random, BYTES);
  }

  static byte[] hash(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The SHA-256 of {@code secret} in hex (how a browser's cookie is kept in live state). */
  static String hex(String secret) {
    return java.util.HexFormat.of().formatHex(hash(secret));
  }

  /** Constant-time comparison of the stored hash with the presented key's hash. */
  static boolean matches(byte[] storedHash, String presented) {
    return storedHash != null && MessageDigest.isEqual(storedHash, hash(presented));
  }
}
