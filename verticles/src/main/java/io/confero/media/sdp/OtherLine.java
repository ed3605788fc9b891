package io.confero.media.sdp;

import java.util.Objects;

/**
 * A legal RFC 8866 line this package does not interpret ({@code i=, u=, e=, p=, r=, z=, k=}),
 * kept verbatim so it round-trips.
 */
public record OtherLine(char type, String value) {
    public OtherLine {
        Objects.requireNonNull(value, "value");
    }
}
