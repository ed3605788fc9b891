package io.confero.media.sdp;

/** DTLS role negotiation, {@code a=setup} (RFC 4145 §4, RFC 5763 §5, RFC 8842). */
public enum Setup {
    ACTIVE("active"), PASSIVE("passive"), ACTPASS("actpass"), HOLDCONN("holdconn");

    private final String token;

    Setup(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    static Setup parse(String value, int line) throws SdpParseException {
        for (Setup s : values()) {
            if (s.token.equals(value)) {
                return s;
            }
        }
        throw new SdpParseException(line, "invalid setup value '" + value + "'");
    }
}
