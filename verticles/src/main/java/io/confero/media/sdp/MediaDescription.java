package io.confero.media.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One media section: the {@code m=} line (RFC 8866 §5.14) and the lines up to the next one.
 * Typed fields cover what WebRTC uses (RFC 8829 JSEP §5.8); anything else is kept in
 * {@code attributes}/{@code otherLines} so it round-trips. Lists are immutable; absent values are
 * null (and {@code numberOfPorts} is 0 when the m= line has no port count).
 */
public record MediaDescription(
        String media, int port, int numberOfPorts, String proto, List<String> formats,
        Connection connection, List<String> bandwidths, List<OtherLine> otherLines,
        String mid, Direction direction, List<Msid> msids,
        String iceUfrag, String icePwd, List<Fingerprint> fingerprints, Setup setup,
        boolean rtcpMux, boolean rtcpRsize,
        List<Codec> codecs, List<HeaderExtension> extensions,
        List<SsrcAttribute> ssrcs, List<SsrcGroup> ssrcGroups,
        List<Rid> rids, Simulcast simulcast,
        List<Candidate> candidates, boolean endOfCandidates, boolean bundleOnly,
        List<Attribute> attributes) {

    public MediaDescription {
        formats = List.copyOf(formats);
        bandwidths = List.copyOf(bandwidths);
        otherLines = List.copyOf(otherLines);
        msids = List.copyOf(msids);
        fingerprints = List.copyOf(fingerprints);
        codecs = List.copyOf(codecs);
        extensions = List.copyOf(extensions);
        ssrcs = List.copyOf(ssrcs);
        ssrcGroups = List.copyOf(ssrcGroups);
        rids = List.copyOf(rids);
        candidates = List.copyOf(candidates);
        attributes = List.copyOf(attributes);
    }

    public MediaKind kind() {
        return MediaKind.of(media);
    }

    /** The direction, defaulting to sendrecv when absent (RFC 8866 §6.7). */
    public Direction effectiveDirection() {
        return direction == null ? Direction.SENDRECV : direction;
    }

    /** True when the m-section is rejected or stopped: port 0 without bundle-only (RFC 8843 §6). */
    public boolean isRejected() {
        return port == 0 && !bundleOnly;
    }

    public Optional<Codec> codec(int payloadType) {
        return codecs.stream().filter(c -> c.payloadType() == payloadType).findFirst();
    }

    public Optional<HeaderExtension> extension(String uri) {
        return extensions.stream().filter(e -> e.uri().equals(uri)).findFirst();
    }

    /** The distinct SSRCs named by a=ssrc lines, in order of appearance (RFC 5576). */
    public List<Long> ssrcIds() {
        List<Long> out = new ArrayList<>();
        for (SsrcAttribute s : ssrcs) {
            if (!out.contains(s.ssrc())) {
                out.add(s.ssrc());
            }
        }
        return out;
    }

    /** All attributes with the given name among the untyped ones. */
    public List<Attribute> attributes(String name) {
        return attributes.stream().filter(a -> a.name().equals(name)).toList();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder(String media, int port, String proto) {
        Builder b = new Builder();
        b.media = media;
        b.port = port;
        b.proto = proto;
        return b;
    }

    /** Mutable builder used by the parser and by the offer/answer generators. */
    public static final class Builder {
        String media;
        int port;
        int numberOfPorts;
        String proto;
        List<String> formats = new ArrayList<>();
        Connection connection;
        List<String> bandwidths = new ArrayList<>();
        List<OtherLine> otherLines = new ArrayList<>();
        String mid;
        Direction direction;
        List<Msid> msids = new ArrayList<>();
        String iceUfrag;
        String icePwd;
        List<Fingerprint> fingerprints = new ArrayList<>();
        Setup setup;
        boolean rtcpMux;
        boolean rtcpRsize;
        List<Codec> codecs = new ArrayList<>();
        List<HeaderExtension> extensions = new ArrayList<>();
        List<SsrcAttribute> ssrcs = new ArrayList<>();
        List<SsrcGroup> ssrcGroups = new ArrayList<>();
        List<Rid> rids = new ArrayList<>();
        Simulcast simulcast;
        List<Candidate> candidates = new ArrayList<>();
        boolean endOfCandidates;
        boolean bundleOnly;
        List<Attribute> attributes = new ArrayList<>();

        Builder() {
        }

        Builder(MediaDescription m) {
            media = m.media; port = m.port; numberOfPorts = m.numberOfPorts; proto = m.proto;
            formats = new ArrayList<>(m.formats); connection = m.connection;
            bandwidths = new ArrayList<>(m.bandwidths); otherLines = new ArrayList<>(m.otherLines);
            mid = m.mid; direction = m.direction; msids = new ArrayList<>(m.msids);
            iceUfrag = m.iceUfrag; icePwd = m.icePwd; fingerprints = new ArrayList<>(m.fingerprints);
            setup = m.setup; rtcpMux = m.rtcpMux; rtcpRsize = m.rtcpRsize;
            codecs = new ArrayList<>(m.codecs); extensions = new ArrayList<>(m.extensions);
            ssrcs = new ArrayList<>(m.ssrcs); ssrcGroups = new ArrayList<>(m.ssrcGroups);
            rids = new ArrayList<>(m.rids); simulcast = m.simulcast;
            candidates = new ArrayList<>(m.candidates); endOfCandidates = m.endOfCandidates;
            bundleOnly = m.bundleOnly; attributes = new ArrayList<>(m.attributes);
        }

        public Builder port(int v) { port = v; return this; }
        public Builder formats(List<String> v) { formats = new ArrayList<>(v); return this; }
        public Builder connection(Connection v) { connection = v; return this; }
        public Builder mid(String v) { mid = v; return this; }
        public Builder direction(Direction v) { direction = v; return this; }
        public Builder msids(List<Msid> v) { msids = new ArrayList<>(v); return this; }
        public Builder iceUfrag(String v) { iceUfrag = v; return this; }
        public Builder icePwd(String v) { icePwd = v; return this; }
        public Builder fingerprints(List<Fingerprint> v) { fingerprints = new ArrayList<>(v); return this; }
        public Builder setup(Setup v) { setup = v; return this; }
        public Builder rtcpMux(boolean v) { rtcpMux = v; return this; }
        public Builder rtcpRsize(boolean v) { rtcpRsize = v; return this; }
        public Builder codecs(List<Codec> v) { codecs = new ArrayList<>(v); return this; }
        public Builder extensions(List<HeaderExtension> v) { extensions = new ArrayList<>(v); return this; }
        public Builder ssrcs(List<SsrcAttribute> v) { ssrcs = new ArrayList<>(v); return this; }
        public Builder ssrcGroups(List<SsrcGroup> v) { ssrcGroups = new ArrayList<>(v); return this; }
        public Builder rids(List<Rid> v) { rids = new ArrayList<>(v); return this; }
        public Builder simulcast(Simulcast v) { simulcast = v; return this; }
        public Builder candidates(List<Candidate> v) { candidates = new ArrayList<>(v); return this; }
        public Builder endOfCandidates(boolean v) { endOfCandidates = v; return this; }
        public Builder bundleOnly(boolean v) { bundleOnly = v; return this; }
        public Builder attributes(List<Attribute> v) { attributes = new ArrayList<>(v); return this; }

        public MediaDescription build() {
            return new MediaDescription(media, port, numberOfPorts, proto, formats, connection, bandwidths,
                    otherLines, mid, direction, msids, iceUfrag, icePwd, fingerprints, setup, rtcpMux, rtcpRsize,
                    codecs, extensions, ssrcs, ssrcGroups, rids, simulcast, candidates, endOfCandidates,
                    bundleOnly, attributes);
        }
    }
}
