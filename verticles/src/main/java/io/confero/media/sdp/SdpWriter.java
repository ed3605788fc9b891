package io.confero.media.sdp;

/**
 * Serializes a {@link SessionDescription} to text with CRLF line ends, lines in the RFC 8866 §5
 * order (v o s i u e p c b t r z k a, then m-sections: m i c b k a) and attributes in the order
 * Chromium writes them. Untyped attributes follow the typed ones, in their original order.
 * {@code SdpParser.parse(SdpWriter.write(sd))} equals {@code sd} for every parsed {@code sd}.
 */
public final class SdpWriter {
    private static final String CRLF = "\r\n";

    private SdpWriter() {
    }

    public static String write(SessionDescription sd) {
        StringBuilder sb = new StringBuilder(4096);
        line(sb, 'v', "0");
        line(sb, 'o', sd.origin().toValue());
        line(sb, 's', sd.sessionName());
        others(sb, sd.otherLines(), "iuep");
        if (sd.connection() != null) {
            line(sb, 'c', sd.connection().toValue());
        }
        sd.bandwidths().forEach(b -> line(sb, 'b', b));
        line(sb, 't', sd.timing().toValue());
        others(sb, sd.otherLines(), "trzk");
        sd.groups().forEach(g -> attr(sb, "group", g.toValue()));
        if (sd.extmapAllowMixed()) {
            attr(sb, "extmap-allow-mixed", null);
        }
        if (sd.msidSemantic() != null) {
            sb.append("a=msid-semantic: ").append(sd.msidSemantic()).append(CRLF);
        }
        if (sd.iceLite()) {
            attr(sb, "ice-lite", null);
        }
        writeTransport(sb, sd.iceUfrag(), sd.icePwd(), sd.fingerprints(), sd.setup());
        if (sd.direction() != null) {
            attr(sb, sd.direction().token(), null);
        }
        sd.attributes().forEach(a -> line(sb, 'a', a.toValue()));
        sd.media().forEach(m -> writeMedia(sb, m));
        return sb.toString();
    }

    private static void writeMedia(StringBuilder sb, MediaDescription m) {
        sb.append("m=").append(m.media()).append(' ').append(m.port());
        if (m.numberOfPorts() > 0) {
            sb.append('/').append(m.numberOfPorts());
        }
        sb.append(' ').append(m.proto());
        m.formats().forEach(f -> sb.append(' ').append(f));
        sb.append(CRLF);
        others(sb, m.otherLines(), "i");
        if (m.connection() != null) {
            line(sb, 'c', m.connection().toValue());
        }
        m.bandwidths().forEach(b -> line(sb, 'b', b));
        others(sb, m.otherLines(), "k");
        writeTransport(sb, m.iceUfrag(), m.icePwd(), m.fingerprints(), m.setup());
        if (m.mid() != null) {
            attr(sb, "mid", m.mid());
        }
        m.extensions().forEach(e -> attr(sb, "extmap", e.toValue()));
        if (m.direction() != null) {
            attr(sb, m.direction().token(), null);
        }
        m.msids().forEach(x -> attr(sb, "msid", x.toValue()));
        flag(sb, m.rtcpMux(), "rtcp-mux");
        flag(sb, m.rtcpRsize(), "rtcp-rsize");
        m.attributes().forEach(a -> line(sb, 'a', a.toValue()));
        m.codecs().forEach(c -> writeCodec(sb, c));
        m.ssrcGroups().forEach(g -> attr(sb, "ssrc-group", g.toValue()));
        m.ssrcs().forEach(s -> attr(sb, "ssrc", s.toValue()));
        m.rids().forEach(r -> attr(sb, "rid", r.toValue()));
        if (m.simulcast() != null) {
            attr(sb, "simulcast", m.simulcast().toValue());
        }
        m.candidates().forEach(c -> attr(sb, "candidate", c.toValue()));
        flag(sb, m.endOfCandidates(), "end-of-candidates");
        flag(sb, m.bundleOnly(), "bundle-only");
    }

    private static void writeCodec(StringBuilder sb, Codec c) {
        if (c.name() != null) {
            attr(sb, "rtpmap", c.rtpmapValue());
        }
        c.rtcpFeedback().forEach(fb -> attr(sb, "rtcp-fb", c.payloadType() + " " + fb));
        if (c.fmtp() != null) {
            attr(sb, "fmtp", c.payloadType() + " " + c.fmtp());
        }
    }

    private static void writeTransport(StringBuilder sb, String ufrag, String pwd,
                                       java.util.List<Fingerprint> fingerprints, Setup setup) {
        if (ufrag != null) {
            attr(sb, "ice-ufrag", ufrag);
        }
        if (pwd != null) {
            attr(sb, "ice-pwd", pwd);
        }
        fingerprints.forEach(f -> attr(sb, "fingerprint", f.toValue()));
        if (setup != null) {
            attr(sb, "setup", setup.token());
        }
    }

    private static void others(StringBuilder sb, java.util.List<OtherLine> lines, String types) {
        for (char t : types.toCharArray()) {
            lines.stream().filter(l -> l.type() == t).forEach(l -> line(sb, t, l.value()));
        }
    }

    private static void flag(StringBuilder sb, boolean on, String name) {
        if (on) {
            attr(sb, name, null);
        }
    }

    private static void attr(StringBuilder sb, String name, String value) {
        sb.append("a=").append(name);
        if (value != null) {
            sb.append(':').append(value);
        }
        sb.append(CRLF);
    }

    private static void line(StringBuilder sb, char type, String value) {
        sb.append(type).append('=').append(value).append(CRLF);
    }
}
