package io.confero.media.sdp;

import java.util.Objects;

/**
 * One {@code a=ssrc:<ssrc> <attribute>[:<value>]} line (RFC 5576 §4.1), e.g. {@code cname} or
 * {@code msid}. {@code value} is null for a property attribute.
 */
public record SsrcAttribute(long ssrc, String attribute, String value) {
    public SsrcAttribute {
        Objects.requireNonNull(attribute, "attribute");
        if (ssrc < 0 || ssrc > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("ssrc out of range: " + ssrc);
        }
    }

    String toValue() {
        return ssrc + " " + attribute + (value == null ? "" : ":" + value);
    }

    static SsrcAttribute parse(String value, int line) throws SdpParseException {
        int sp = value.indexOf(' ');
        if (sp <= 0 || sp == value.length() - 1) {
            throw new SdpParseException(line, "ssrc needs '<ssrc> <attribute>[:<value>]'");
        }
        long ssrc = SdpSyntax.number(value.substring(0, sp), 0, 0xFFFF_FFFFL, line, "ssrc");
        String rest = value.substring(sp + 1);
        int colon = rest.indexOf(':');
        String name = colon < 0 ? rest : rest.substring(0, colon);
        SdpSyntax.token(name, line, "ssrc attribute name");
        return new SsrcAttribute(ssrc, name, colon < 0 ? null : rest.substring(colon + 1));
    }
}
