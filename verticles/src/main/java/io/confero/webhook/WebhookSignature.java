package io.confero.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Confero-Signature} header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256>} where the MAC
 * key is the endpoint secret (its UTF-8 bytes) and the signed text is {@code "<t>.<raw body>"}.
 * While a secret rotation is in its grace period the header carries one {@code v1=} per secret.
 * Same shape as Stripe's scheme, so receivers can reuse familiar code.
 */
public final class WebhookSignature {
  public static final String HEADER = "Confero-Signature";

  private WebhookSignature() {}

  /** The header value for {@code body} sent at {@code t}, signed with each secret (newest first). */
  public static String header(long t, byte[] body, List<String> secrets) {
    StringBuilder sb = new StringBuilder("t=").append(t);
    for (String s : secrets) {
      sb.append(",v1=").append(hmacHex(s, t, body));
    }
    return sb.toString();
  }

  /** Hex HMAC-SHA256 of {@code "<t>.<body>"} under {@code secret}. */
  public static String hmacHex(String secret, long t, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /**
   * What a receiver does: true when one {@code v1=} entry matches {@code secret} and {@code t} is
   * within {@code toleranceSeconds} of {@code nowSeconds} (replay protection). Constant-time compare.
   */
  public static boolean verify(String header, byte[] body, String secret, long nowSeconds, long toleranceSeconds) {
    if (header == null) {
      return false;
    }
    Long t = null;
    for (String part : header.split(",")) {
      if (part.startsWith("t=")) {
        try {
          t = Long.parseLong(part.substring(2));
        } catch (NumberFormatException e) {
          return false;
        }
      }
    }
    if (t == null || Math.abs(nowSeconds - t) > toleranceSeconds) {
      return false;
    }
    byte[] expected = hmacHex(secret, t, body).getBytes(StandardCharsets.US_ASCII);
    boolean ok = false;
    for (String part : header.split(",")) {
      if (part.startsWith("v1=")) {
        ok |= MessageDigest.isEqual(expected, part.substring(3).getBytes(StandardCharsets.US_ASCII));
      }
    }
    return ok;
  }
}
