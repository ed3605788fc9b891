package io.confero.sfu.ice;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * Local ICE credentials (RFC 8445 §5.3, syntax RFC 8839 §5.4): {@code ice-ufrag} of 4–256 and
 * {@code ice-pwd} of 22–256 ice-chars (ALPHA / DIGIT / "+" / "/"). Generated values carry 48 bits
 * (ufrag, 8 chars) and 144 bits (pwd, 24 chars) of randomness, above the RFC's 24 and 128.
 *
 * @param ufrag username fragment
 * @param pwd password
 */
public record IceCredentials(String ufrag, String pwd) {
    private static final String ICE_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    public static final int UFRAG_LENGTH = 8;
    public static final int PWD_LENGTH = 24;

    public IceCredentials {
        Objects.requireNonNull(ufrag, "ufrag");
        Objects.requireNonNull(pwd, "pwd");
        if (ufrag.length() < 4 || ufrag.length() > 256 || !isIceChars(ufrag)) {
            throw new IllegalArgumentException("ice-ufrag must be 4-256 ice-chars");
        }
        if (pwd.length() < 22 || pwd.length() > 256 || !isIceChars(pwd)) {
            throw new IllegalArgumentException("ice-pwd must be 22-256 ice-chars");
        }
    }

    /** Fresh random credentials. */
    public static IceCredentials generate(SecureRandom random) {
        return new IceCredentials(randomIceChars(random, UFRAG_LENGTH), randomIceChars(random, PWD_LENGTH));
    }

    /** True when every character is an ice-char (RFC 8839 §5.4). */
    public static boolean isIceChars(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (ICE_CHARS.indexOf(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "IceCredentials[ufrag=" + ufrag + ", pwd=redacted]";
    }

    private static String randomIceChars(SecureRandom random, int n) {
        char[] out = new char[n];
        for (int i = 0; i < n; i++) {
            out[i] = ICE_CHARS.charAt(random.nextInt(ICE_CHARS.length()));
        }
        return new String(out);
    }
}
