package io.confero.store;

import java.security.SecureRandom;
import java.util.Base64;

/** Random, URL-safe identifiers and secrets. */
public final class Tokens {
  private Tokens() {}

  public static String randomToken(SecureRandom random, int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static final char[] CODE_ALPHABET = "abcdefghijkmnopqrstuvwxyz".toCharArray();

  /** A join code in the familiar xxx-xxxx-xxx shape (about 56 bits of entropy). */
  public static String joinCode(SecureRandom random) {
    StringBuilder sb = new StringBuilder(12);
    for (int i = 0; i < 10; i++) {
      if (i == 3 || i == 7) {
        sb.append('-');
      }
      sb.append(CODE_ALPHABET[random.nextInt(CODE_ALPHABET.length)]);
    }
    return sb.toString();
  }
}
