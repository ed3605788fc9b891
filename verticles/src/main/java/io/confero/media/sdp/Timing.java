package io.confero.media.sdp;

import java.util.List;

/** The {@code t=} line (RFC 8866 §5.9); WebRTC always uses {@code t=0 0}. */
public record Timing(long start, long stop) {
    public static final Timing UNBOUNDED = new Timing(0, 0);

    String toValue() {
        return start + " " + stop;
    }

    static Timing parse(String value, int line) throws SdpParseException {
        List<String> f = SdpSyntax.fields(value, line, "t= line");
        if (f.size() != 2) {
            throw new SdpParseException(line, "t= line needs 2 fields, found " + f.size());
        }
        return new Timing(SdpSyntax.number(f.get(0), 0, Long.MAX_VALUE, line, "t= start"),
                SdpSyntax.number(f.get(1), 0, Long.MAX_VALUE, line, "t= stop"));
    }
}
