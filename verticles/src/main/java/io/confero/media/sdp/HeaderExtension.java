package io.confero.media.sdp;

import java.util.List;
import java.util.Objects;

/**
 * {@code a=extmap:<id>[/<direction>] <uri> [<attributes>]} (RFC 8285 §8). {@code direction} and
 * {@code attributes} are null when absent.
 */
public record HeaderExtension(int id, String uri, Direction direction, String attributes) {
    public HeaderExtension {
        Objects.requireNonNull(uri, "uri");
    }

    public HeaderExtension(int id, String uri) {
        this(id, uri, null, null);
    }

    String toValue() {
        return id + (direction == null ? "" : "/" + direction.token()) + " " + uri
                + (attributes == null ? "" : " " + attributes);
    }

    static HeaderExtension parse(String value, int line) throws SdpParseException {
        int sp = value.indexOf(' ');
        if (sp <= 0 || sp == value.length() - 1) {
            throw new SdpParseException(line, "extmap needs '<id>[/<direction>] <uri>'");
        }
        String head = value.substring(0, sp);
        String rest = value.substring(sp + 1);
        int slash = head.indexOf('/');
        String idText = slash < 0 ? head : head.substring(0, slash);
        int id = SdpSyntax.integer(idText, 1, 4351, line, "extmap id");
        if (id > 255 && id < 4096) {
            throw new SdpParseException(line, "extmap id " + id + " is not in 1-255 or 4096-4351 (RFC 8285 §8)");
        }
        Direction dir = null;
        if (slash >= 0) {
            dir = Direction.fromToken(head.substring(slash + 1));
            if (dir == null) {
                throw new SdpParseException(line, "invalid extmap direction '" + SdpSyntax.clip(head) + "'");
            }
        }
        int sp2 = rest.indexOf(' ');
        String uri = sp2 < 0 ? rest : rest.substring(0, sp2);
        String attrs = sp2 < 0 ? null : rest.substring(sp2 + 1);
        if (uri.isEmpty() || (attrs != null && attrs.isEmpty())) {
            throw new SdpParseException(line, "malformed extmap '" + SdpSyntax.clip(value) + "'");
        }
        return new HeaderExtension(id, uri, dir, attrs);
    }
}
