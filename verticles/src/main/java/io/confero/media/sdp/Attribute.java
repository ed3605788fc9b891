package io.confero.media.sdp;

import java.util.Objects;

/**
 * An SDP attribute line {@code a=<name>[:<value>]} (RFC 8866 §5.13) that this package does not
 * model with a typed field; kept verbatim so it round-trips. {@code value} is null for a
 * property attribute (no colon).
 */
public record Attribute(String name, String value) {
    public Attribute {
        Objects.requireNonNull(name, "name");
    }

    /** The text after {@code a=}. */
    public String toValue() {
        return value == null ? name : name + ":" + value;
    }
}
