package io.confero.media.sdp;

import java.util.List;
import java.util.Objects;

/** {@code a=msid:<stream-id> [<track-id>]} (RFC 8830 §2); {@code trackId} is null when absent. */
public record Msid(String streamId, String trackId) {
    public Msid {
        Objects.requireNonNull(streamId, "streamId");
    }

    String toValue() {
        return trackId == null ? streamId : streamId + " " + trackId;
    }

    static Msid parse(String value, int line) throws SdpParseException {
        List<String> f = SdpSyntax.fields(value, line, "msid");
        if (f.size() > 2) {
            throw new SdpParseException(line, "msid has more than 2 fields");
        }
        return new Msid(f.get(0), f.size() == 2 ? f.get(1) : null);
    }
}
