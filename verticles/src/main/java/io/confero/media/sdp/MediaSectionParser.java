package io.confero.media.sdp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses one media section for {@link SdpParser}: the m= line (RFC 8866 §5.14) and its
 * media-level lines and attributes (RFC 8829 §5.8).
 */
final class MediaSectionParser {
    private final MediaDescription.Builder m = new MediaDescription.Builder();
    private final int mLine;
    private final boolean rtp;
    private final Map<Integer, Codec> codecs = new LinkedHashMap<>();
    private final Set<Integer> rtpmapSeen = new HashSet<>();
    private final Set<Integer> fmtpSeen = new HashSet<>();
    private final Set<Integer> extmapIds = new HashSet<>();

    MediaSectionParser(String value, int no) throws SdpParseException {
        this.mLine = no;
        List<String> f = SdpSyntax.fields(value, no, "m= line");
        if (f.size() < 4) {
            throw new SdpParseException(no, "m= line needs '<media> <port> <proto> <fmt> ...'");
        }
        m.media = SdpSyntax.token(f.get(0), no, "m= media type");
        String port = f.get(1);
        int slash = port.indexOf('/');
        m.port = SdpSyntax.integer(slash < 0 ? port : port.substring(0, slash), 0, 65535, no, "m= port");
        if (slash >= 0) {
            m.numberOfPorts = SdpSyntax.integer(port.substring(slash + 1), 1, 65535, no, "m= number of ports");
        }
        m.proto = f.get(2);
        for (String p : m.proto.split("/", -1)) {
            SdpSyntax.token(p, no, "m= proto");
        }
        rtp = m.proto.contains("RTP/");
        for (String fmt : f.subList(3, f.size())) {
            if (rtp) {
                int pt = SdpSyntax.integer(fmt, 0, 127, no, "m= payload type");
                if (codecs.containsKey(pt)) {
                    throw new SdpParseException(no, "payload type " + pt + " listed twice in m= line");
                }
                codecs.put(pt, null);
            } else {
                SdpSyntax.token(fmt, no, "m= format");
            }
            m.formats.add(fmt);
        }
    }

    void line(char type, String value, int no) throws SdpParseException {
        switch (type) {
            case 'c' -> {
                if (m.connection != null) {
                    throw new SdpParseException(no, "more than one c= line in m-section");
                }
                m.connection = Connection.parse(value, no);
            }
            case 'b' -> m.bandwidths.add(SdpParser.bandwidth(value, no));
            case 'i', 'k' -> m.otherLines.add(new OtherLine(type, value));
            case 'a' -> attribute(SessionAttributes.split(value, no), no);
            default -> throw new SdpParseException(no, "'" + type + "=' line not allowed in an m-section");
        }
    }

    private void attribute(Attribute a, int no) throws SdpParseException {
        switch (a.name()) {
            case "mid" -> m.mid = SessionAttributes.once(m.mid,
                    SdpSyntax.token(SessionAttributes.required(a, no), no, "mid"), a, no);
            case "msid" -> m.msids.add(Msid.parse(SessionAttributes.required(a, no), no));
            case "ice-ufrag" -> m.iceUfrag = SessionAttributes.once(m.iceUfrag,
                    SessionAttributes.iceChars(SessionAttributes.required(a, no), no), a, no);
            case "ice-pwd" -> m.icePwd = SessionAttributes.once(m.icePwd,
                    SessionAttributes.iceChars(SessionAttributes.required(a, no), no), a, no);
            case "fingerprint" -> m.fingerprints.add(Fingerprint.parse(SessionAttributes.required(a, no), no));
            case "setup" -> m.setup = SessionAttributes.once(m.setup,
                    Setup.parse(SessionAttributes.required(a, no), no), a, no);
            case "rtcp-mux" -> m.rtcpMux = SessionAttributes.flag(a, no, m.rtcpMux);
            case "rtcp-rsize" -> m.rtcpRsize = SessionAttributes.flag(a, no, m.rtcpRsize);
            case "end-of-candidates" -> m.endOfCandidates = SessionAttributes.flag(a, no, m.endOfCandidates);
            case "bundle-only" -> m.bundleOnly = SessionAttributes.flag(a, no, m.bundleOnly);
            case "rtpmap" -> rtpmap(SessionAttributes.required(a, no), no);
            case "fmtp" -> fmtp(SessionAttributes.required(a, no), no);
            case "rtcp-fb" -> rtcpFb(a, no);
            case "extmap" -> extmap(SessionAttributes.required(a, no), no);
            case "ssrc" -> m.ssrcs.add(SsrcAttribute.parse(SessionAttributes.required(a, no), no));
            case "ssrc-group" -> m.ssrcGroups.add(SsrcGroup.parse(SessionAttributes.required(a, no), no));
            case "rid" -> m.rids.add(Rid.parse(SessionAttributes.required(a, no), no));
            case "simulcast" -> m.simulcast = SessionAttributes.once(m.simulcast,
                    Simulcast.parse(SessionAttributes.required(a, no), no), a, no);
            case "candidate" -> m.candidates.add(Candidate.parse(SessionAttributes.required(a, no), no));
            default -> other(a, no);
        }
    }

    private void other(Attribute a, int no) throws SdpParseException {
        Direction d = Direction.fromToken(a.name());
        if (d != null && a.value() == null) {
            m.direction = SessionAttributes.once(m.direction, d, a, no);
        } else {
            m.attributes.add(a);
        }
    }

    /** Returns the payload type a per-format attribute refers to, checked against the m= list. */
    private int payloadType(String value, String attr, int no) throws SdpParseException {
        if (!rtp) {
            throw new SdpParseException(no, attr + " in a non-RTP m-section (" + SdpSyntax.clip(m.proto) + ")");
        }
        int sp = value.indexOf(' ');
        if (sp <= 0 || sp == value.length() - 1) {
            throw new SdpParseException(no, attr + " needs '<payload type> <value>'");
        }
        int pt = SdpSyntax.integer(value.substring(0, sp), 0, 127, no, attr + " payload type");
        if (!codecs.containsKey(pt)) {
            throw new SdpParseException(no, attr + " for payload type " + pt + " not in the m= format list");
        }
        return pt;
    }

    private Codec codec(int pt) {
        Codec c = codecs.get(pt);
        return c != null ? c : new Codec(pt, null, 0, 0, null, List.of());
    }

    private void rtpmap(String value, int no) throws SdpParseException {
        int pt = payloadType(value, "rtpmap", no);
        if (!rtpmapSeen.add(pt)) {
            throw new SdpParseException(no, "duplicate rtpmap for payload type " + pt);
        }
        codecs.put(pt, codec(pt).withRtpmap(value, no));
    }

    private void fmtp(String value, int no) throws SdpParseException {
        int pt = payloadType(value, "fmtp", no);
        if (!fmtpSeen.add(pt)) {
            throw new SdpParseException(no, "duplicate fmtp for payload type " + pt);
        }
        codecs.put(pt, codec(pt).withFmtp(value.substring(value.indexOf(' ') + 1)));
    }

    /** {@code a=rtcp-fb:<pt>|* <type> [<param>]} (RFC 4585 §4.2); the wildcard stays untyped. */
    private void rtcpFb(Attribute a, int no) throws SdpParseException {
        String value = SessionAttributes.required(a, no);
        if (value.startsWith("* ")) {
            m.attributes.add(a);
            return;
        }
        int pt = payloadType(value, "rtcp-fb", no);
        Codec c = codec(pt);
        List<String> fb = new ArrayList<>(c.rtcpFeedback());
        fb.add(value.substring(value.indexOf(' ') + 1));
        codecs.put(pt, c.withRtcpFeedback(fb));
    }

    private void extmap(String value, int no) throws SdpParseException {
        HeaderExtension e = HeaderExtension.parse(value, no);
        if (!extmapIds.add(e.id())) {
            throw new SdpParseException(no, "duplicate extmap id " + e.id());
        }
        m.extensions.add(e);
    }

    MediaDescription finish() throws SdpParseException {
        for (Codec c : codecs.values()) {
            if (c != null) {
                m.codecs.add(c);
            }
        }
        if (m.simulcast != null) {
            Set<String> declared = new HashSet<>();
            m.rids.forEach(r -> declared.add(r.id()));
            for (List<List<Simulcast.Stream>> dir : List.of(m.simulcast.send(), m.simulcast.recv())) {
                for (String rid : Simulcast.rids(dir)) {
                    if (!declared.contains(rid)) {
                        throw new SdpParseException(mLine, "simulcast names rid '" + rid + "' without an a=rid line");
                    }
                }
            }
        }
        return m.build();
    }
}
