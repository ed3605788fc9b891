package io.confero.media.stun;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.text.Normalizer;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keys and checksums of STUN: HMAC for MESSAGE-INTEGRITY (RFC 8489 §14.5) and
 * MESSAGE-INTEGRITY-SHA256 (§14.6), the FINGERPRINT CRC-32 (§14.7) and the long-term key
 * {@code MD5(username ":" OpaqueString(realm) ":" OpaqueString(password))} (§9.2.2).
 */
public final class StunCrypto {
    /** XOR constant of FINGERPRINT (RFC 8489 §14.7). */
    public static final int FINGERPRINT_XOR = 0x5354554E;

    private StunCrypto() {
    }

    /** Long-term credential key, RFC 8489 §9.2.2 (MD5 algorithm), with SASLprep applied to the password. */
    public static byte[] longTermKey(String username, String realm, String password) {
        String material = username + ":" + realm + ":" + saslPrep(password);
        try {
            return MessageDigest.getInstance("MD5").digest(material.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 unavailable", e);
        }
    }

    /**
     * The subset of SASLprep (RFC 4013) / OpaqueString (RFC 8265) that affects real passwords:
     * characters "commonly mapped to nothing" are removed, non-ASCII spaces become U+0020, and the
     * result is NFKC-normalised.
     */
    public static String saslPrep(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (mappedToNothing(c)) {
                continue;
            }
            sb.append(Character.isSpaceChar(c) ? ' ' : c);
        }
        return Normalizer.normalize(sb, Normalizer.Form.NFKC);
    }

    private static boolean mappedToNothing(char c) {
        return c == '\u00AD' || c == '\u034F' || c == '\u1806' || (c >= '\u180B' && c <= '\u180D')
                || (c >= '\u200B' && c <= '\u200D') || c == '\u2060' || (c >= '\uFE00' && c <= '\uFE0F')
                || c == '\uFEFF';
    }

    static Mac mac(String algorithm, byte[] key) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(key.length == 0 ? new EmptyKey(algorithm) : new SecretKeySpec(key, algorithm));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " unavailable", e);
        }
    }

    /**
     * HMAC over {@code buf[off, off+len)} where bytes 2..3 (the STUN length field) are replaced
     * by {@code adjustedLength} (RFC 8489 §14.5).
     */
    static byte[] hmacWithLength(String algorithm, byte[] key, byte[] buf, int off, int len, int adjustedLength) {
        Mac mac = mac(algorithm, key);
        mac.update(buf, off, 2);
        mac.update((byte) (adjustedLength >>> 8));
        mac.update((byte) adjustedLength);
        mac.update(buf, off + 4, len - 4);
        return mac.doFinal();
    }

    /** CRC-32 over {@code buf[off, off+len)} with the length field replaced, XORed with 0x5354554E. */
    static int fingerprint(byte[] buf, int off, int len, int adjustedLength) {
        CRC32 crc = new CRC32();
        crc.update(buf, off, 2);
        crc.update(adjustedLength >>> 8);
        crc.update(adjustedLength & 0xFF);
        crc.update(buf, off + 4, len - 4);
        return (int) crc.getValue() ^ FINGERPRINT_XOR;
    }

    /** A zero-length HMAC key (allowed by RFC 2104, refused by SecretKeySpec). */
    private record EmptyKey(String getAlgorithm) implements javax.crypto.SecretKey {
        @Override
        public String getFormat() {
            return "RAW";
        }

        @Override
        public byte[] getEncoded() {
            return new byte[0];
        }
    }
}
