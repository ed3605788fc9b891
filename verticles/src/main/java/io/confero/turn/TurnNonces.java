package io.confero.turn;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stateless NONCE values (RFC 8489 §9.2): {@code <expiry seconds, 11 hex digits><base64url HMAC>},
 * where the HMAC (SHA-256, truncated to 12 bytes) covers the expiry and the client's IP with a
 * per-process key. A nonce past its expiry is stale (438); one that does not verify is invalid.
 */
final class TurnNonces {
    /** How long a nonce is accepted. */
    static final long LIFETIME_MILLIS = 600_000;

    enum Check { VALID, STALE, INVALID }

    private final byte[] key;

    TurnNonces(byte[] key) {
        this.key = key.clone();
    }

    String issue(String clientIp, long nowMillis) {
        String expiry = String.format("%011x", (nowMillis + LIFETIME_MILLIS) / 1000);
        return expiry + tag(expiry, clientIp);
    }

    Check check(String nonce, String clientIp, long nowMillis) {
        if (nonce == null || nonce.length() < 12 || nonce.length() > 64) {
            return Check.INVALID;
        }
        String expiry = nonce.substring(0, 11);
        if (!expiry.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return Check.INVALID;
        }
        byte[] want = tag(expiry, clientIp).getBytes(StandardCharsets.US_ASCII);
        byte[] got = nonce.substring(11).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(want, got)) {
            return Check.INVALID;
        }
        return Long.parseLong(expiry, 16) * 1000 <= nowMillis ? Check.STALE : Check.VALID;
    }

    private String tag(String expiry, String clientIp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(expiry.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '/');
            byte[] full = mac.doFinal(clientIp.getBytes(StandardCharsets.US_ASCII));
            byte[] cut = new byte[12];
            System.arraycopy(full, 0, cut, 0, 12);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(cut);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
