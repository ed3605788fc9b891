package io.confero.media.sdp;

import java.util.Objects;

/**
 * {@code a=rid:<id> send|recv [<restrictions>]} (RFC 8851 §10). {@code restrictions} is null when
 * absent (e.g. {@code pt=96;max-width=1280}).
 */
public record Rid(String id, RidDirection direction, String restrictions) {
    /** The rid direction, relative to the sender of the SDP. */
    public enum RidDirection {
        SEND, RECV;

        public String token() {
            return this == SEND ? "send" : "recv";
        }
    }

    public Rid {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(direction, "direction");
    }

    String toValue() {
        return id + " " + direction.token() + (restrictions == null ? "" : " " + restrictions);
    }

    /** rid-id = 1*(alpha-numeric / "-" / "_") (RFC 8851 §10). */
    static boolean isRidId(String s) {
        if (s.isEmpty() || s.length() > 255) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    static Rid parse(String value, int line) throws SdpParseException {
        String[] f = value.split(" ", 3);
        if (f.length < 2 || !isRidId(f[0])) {
            throw new SdpParseException(line, "rid needs '<rid-id> send|recv [<restrictions>]'");
        }
        RidDirection dir = switch (f[1]) {
            case "send" -> RidDirection.SEND;
            case "recv" -> RidDirection.RECV;
            default -> throw new SdpParseException(line, "invalid rid direction '" + SdpSyntax.clip(f[1]) + "'");
        };
        if (f.length == 3 && f[2].isEmpty()) {
            throw new SdpParseException(line, "empty rid restrictions");
        }
        return new Rid(f[0], dir, f.length == 3 ? f[2] : null);
    }
}
