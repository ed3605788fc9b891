package io.confero.media.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** {@code a=ssrc-group:<semantics> <ssrc>*} (RFC 5576 §4.2), e.g. FID for RFC 4588 rtx. */
public record SsrcGroup(String semantics, List<Long> ssrcs) {
    public SsrcGroup {
        Objects.requireNonNull(semantics, "semantics");
        ssrcs = List.copyOf(ssrcs);
    }

    String toValue() {
        StringBuilder sb = new StringBuilder(semantics);
        for (Long s : ssrcs) {
            sb.append(' ').append(s);
        }
        return sb.toString();
    }

    static SsrcGroup parse(String value, int line) throws SdpParseException {
        List<String> f = SdpSyntax.fields(value, line, "ssrc-group");
        if (f.size() < 2) {
            throw new SdpParseException(line, "ssrc-group needs '<semantics> <ssrc>...'");
        }
        List<Long> ssrcs = new ArrayList<>();
        for (String s : f.subList(1, f.size())) {
            ssrcs.add(SdpSyntax.number(s, 0, 0xFFFF_FFFFL, line, "ssrc-group ssrc"));
        }
        return new SsrcGroup(SdpSyntax.token(f.get(0), line, "ssrc-group semantics"), ssrcs);
    }
}
