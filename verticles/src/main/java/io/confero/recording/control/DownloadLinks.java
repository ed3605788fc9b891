package io.confero.recording.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed, expiring download links: {@code <base>/recordings/<id>/download?expires=<unix s>&sig=<s>}
 * where {@code s} is base64url(HMAC-SHA256(secret, "<id>.<expires>")). Anyone holding the link may
 * download until it expires; nothing else is needed, so a link can go in a webhook or an e-mail.
 * A view of a recording (the speaker view) has its own link,
 * {@code <base>/recordings/<id>/views/<view>/download?…}, signed over {@code "<id>/<view>.<expires>"},
 * so the gallery's link does not open it and the other way round.
 */
public final class DownloadLinks {
  private final byte[] secret;
  private final Duration ttl;
  private final String baseUrl;

  public DownloadLinks(byte[] secret, Duration ttl, String baseUrl) {
    if (secret.length < 16) {
      throw new IllegalArgumentException("link secret must be at least 16 bytes");
    }
    this.secret = secret.clone();
    this.ttl = ttl;
    this.baseUrl = baseUrl;
  }

  /** A link valid from {@code now} for the configured time to live. */
  public Link link(UUID recording, Instant now) {
    long expires = now.plus(ttl).getEpochSecond();
    return new Link(baseUrl + "/recordings/" + recording + "/download?expires=" + expires + "&sig="
        + sign(recording, expires), Instant.ofEpochSecond(expires));
  }

  /** A link to the {@code view} of a recording, valid from {@code now} for the configured time to live. */
  public Link link(UUID recording, String view, Instant now) {
    long expires = now.plus(ttl).getEpochSecond();
    return new Link(baseUrl + "/recordings/" + recording + "/views/" + view + "/download?expires=" + expires + "&sig="
        + sign(recording + "/" + view, expires), Instant.ofEpochSecond(expires));
  }

  /** A link and when it stops working. */
  public record Link(String url, Instant expiresAt) {
  }

  /** True when {@code sig} signs this recording and expiry and the expiry has not passed. */
  public boolean valid(UUID recording, String expires, String sig, Instant now) {
    return valid(recording.toString(), expires, sig, now);
  }

  /** True when {@code sig} signs this view of the recording and expiry, and the expiry has not passed. */
  public boolean valid(UUID recording, String view, String expires, String sig, Instant now) {
    return valid(recording + "/" + view, expires, sig, now);
  }

  private boolean valid(String subject, String expires, String sig, Instant now) {
    long e;
    try {
      e = Long.parseLong(expires);
    } catch (NumberFormatException | NullPointerException ex) {
      return false;
    }
    if (sig == null || now.getEpochSecond() > e) {
      return false;
    }
    return MessageDigest.isEqual(sign(subject, e).getBytes(StandardCharsets.US_ASCII),
        sig.getBytes(StandardCharsets.US_ASCII));
  }

  private String sign(UUID recording, long expires) {
    return sign(recording.toString(), expires);
  }

  private String sign(String subject, long expires) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      byte[] h = mac.doFinal((subject + "." + expires).getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(h);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
