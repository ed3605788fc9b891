package io.confero.media.sdp;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** {@code a=fingerprint:<hash-func> <XX:XX:...>} (RFC 8122 §5, RFC 5763 §5). */
public record Fingerprint(String hashFunction, String value) {
    public Fingerprint {
        Objects.requireNonNull(hashFunction, "hashFunction");
        Objects.requireNonNull(value, "value");
    }

    /** A sha-256 fingerprint in upper-case colon-separated hex, as our DTLS layer supplies it. */
    public static Fingerprint sha256(String colonHex) {
        return new Fingerprint("sha-256", colonHex.toUpperCase(Locale.ROOT));
    }

    String toValue() {
        return hashFunction + " " + value;
    }

    static Fingerprint parse(String value, int line) throws SdpParseException {
        List<String> f = SdpSyntax.fields(value, line, "fingerprint");
        if (f.size() != 2) {
            throw new SdpParseException(line, "fingerprint needs '<hash-func> <value>'");
        }
        String hex = f.get(1);
        if (hex.length() % 3 != 2) {
            throw new SdpParseException(line, "fingerprint value is not colon-separated hex pairs");
        }
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            boolean ok = i % 3 == 2 ? c == ':' : Character.digit(c, 16) >= 0;
            if (!ok) {
                throw new SdpParseException(line, "fingerprint value is not colon-separated hex pairs");
            }
        }
        return new Fingerprint(SdpSyntax.token(f.get(0), line, "fingerprint hash function")
                .toLowerCase(Locale.ROOT), hex);
    }
}
