package io.confero.media.sdp;

import java.util.List;
import java.util.Objects;

/** {@code a=group:<semantics> <mid>*} (RFC 5888 §5); BUNDLE per RFC 8843 §7.1. */
public record Group(String semantics, List<String> mids) {
    public Group {
        Objects.requireNonNull(semantics, "semantics");
        mids = List.copyOf(mids);
    }

    public boolean isBundle() {
        return "BUNDLE".equals(semantics);
    }

    String toValue() {
        return mids.isEmpty() ? semantics : semantics + " " + String.join(" ", mids);
    }

    static Group parse(String value, int line) throws SdpParseException {
        List<String> f = SdpSyntax.fields(value, line, "group attribute");
        SdpSyntax.token(f.get(0), line, "group semantics");
        for (String mid : f.subList(1, f.size())) {
            SdpSyntax.token(mid, line, "group identification-tag");
        }
        return new Group(f.get(0), f.subList(1, f.size()));
    }
}
