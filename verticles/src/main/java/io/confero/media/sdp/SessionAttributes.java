package io.confero.media.sdp;

/** Session-level attribute dispatch for {@link SdpParser} (RFC 8866 §6, RFC 8829 §5.8). */
final class SessionAttributes {
    private SessionAttributes() {
    }

    static void apply(SessionDescription.Builder s, String text, int no) throws SdpParseException {
        Attribute a = split(text, no);
        String v = a.value();
        switch (a.name()) {
            case "group" -> s.groups.add(Group.parse(required(a, no), no));
            case "ice-lite" -> s.iceLite = flag(a, no, s.iceLite);
            case "ice-ufrag" -> s.iceUfrag = once(s.iceUfrag, iceChars(required(a, no), no), a, no);
            case "ice-pwd" -> s.icePwd = once(s.icePwd, iceChars(required(a, no), no), a, no);
            case "fingerprint" -> s.fingerprints.add(Fingerprint.parse(required(a, no), no));
            case "setup" -> s.setup = once(s.setup, Setup.parse(required(a, no), no), a, no);
            case "extmap-allow-mixed" -> s.extmapAllowMixed = flag(a, no, s.extmapAllowMixed);
            case "msid-semantic" -> s.msidSemantic = once(s.msidSemantic, required(a, no).trim(), a, no);
            default -> {
                Direction d = Direction.fromToken(a.name());
                if (d != null && v == null) {
                    s.direction = once(s.direction, d, a, no);
                } else {
                    s.attributes.add(a);
                }
            }
        }
    }

    /** Splits {@code name[:value]}; the name must be a token (RFC 8866 §9 att-field). */
    static Attribute split(String text, int no) throws SdpParseException {
        int colon = text.indexOf(':');
        String name = colon < 0 ? text : text.substring(0, colon);
        SdpSyntax.token(name, no, "attribute name");
        return new Attribute(name, colon < 0 ? null : text.substring(colon + 1));
    }

    static String required(Attribute a, int no) throws SdpParseException {
        if (a.value() == null || a.value().isEmpty()) {
            throw new SdpParseException(no, "attribute '" + a.name() + "' needs a value");
        }
        return a.value();
    }

    static boolean flag(Attribute a, int no, boolean already) throws SdpParseException {
        if (a.value() != null) {
            throw new SdpParseException(no, "attribute '" + a.name() + "' takes no value");
        }
        if (already) {
            throw new SdpParseException(no, "duplicate attribute '" + a.name() + "'");
        }
        return true;
    }

    static <T> T once(T existing, T value, Attribute a, int no) throws SdpParseException {
        if (existing != null) {
            throw new SdpParseException(no, "duplicate attribute '" + a.name() + "'");
        }
        return value;
    }

    /** ice-char = ALPHA / DIGIT / "+" / "/" (RFC 8839 §5.4), up to 256 characters. */
    static String iceChars(String v, int no) throws SdpParseException {
        if (v.length() > 256) {
            throw new SdpParseException(no, "ICE credential longer than 256 characters");
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '/')) {
                throw new SdpParseException(no, "invalid character in ICE credential '" + SdpSyntax.clip(v) + "'");
            }
        }
        return v;
    }
}
