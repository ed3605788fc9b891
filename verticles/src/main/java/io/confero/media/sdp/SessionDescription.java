package io.confero.media.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A session description (RFC 8866 §5): session-level lines and attributes, then the media
 * sections. Session-level attributes WebRTC uses are typed (BUNDLE groups RFC 8843 §7.1,
 * ice-lite/ice-ufrag/ice-pwd RFC 8839 §5, fingerprint RFC 8122, setup RFC 4145, extmap-allow-mixed
 * RFC 8285 §6, msid-semantic); the rest is kept in {@code attributes}. Absent values are null.
 */
public record SessionDescription(
        Origin origin, String sessionName, Connection connection, List<String> bandwidths, Timing timing,
        List<OtherLine> otherLines, List<Group> groups, boolean iceLite, String iceUfrag, String icePwd,
        List<Fingerprint> fingerprints, Setup setup, Direction direction, boolean extmapAllowMixed,
        String msidSemantic, List<Attribute> attributes, List<MediaDescription> media) {

    public SessionDescription {
        bandwidths = List.copyOf(bandwidths);
        otherLines = List.copyOf(otherLines);
        groups = List.copyOf(groups);
        fingerprints = List.copyOf(fingerprints);
        attributes = List.copyOf(attributes);
        media = List.copyOf(media);
    }

    /** The first BUNDLE group (RFC 8843 §7.1), if any. */
    public Optional<Group> bundleGroup() {
        return groups.stream().filter(Group::isBundle).findFirst();
    }

    /** The media section with the given mid (RFC 5888 §4). */
    public Optional<MediaDescription> mediaByMid(String mid) {
        return media.stream().filter(m -> mid.equals(m.mid())).findFirst();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder(Origin origin) {
        Builder b = new Builder();
        b.origin = origin;
        return b;
    }

    /** Mutable builder used by the parser and by the offer/answer generators. */
    public static final class Builder {
        Origin origin;
        String sessionName = "-";
        Connection connection;
        List<String> bandwidths = new ArrayList<>();
        Timing timing = Timing.UNBOUNDED;
        List<OtherLine> otherLines = new ArrayList<>();
        List<Group> groups = new ArrayList<>();
        boolean iceLite;
        String iceUfrag;
        String icePwd;
        List<Fingerprint> fingerprints = new ArrayList<>();
        Setup setup;
        Direction direction;
        boolean extmapAllowMixed;
        String msidSemantic;
        List<Attribute> attributes = new ArrayList<>();
        List<MediaDescription> media = new ArrayList<>();

        Builder() {
        }

        Builder(SessionDescription s) {
            origin = s.origin; sessionName = s.sessionName; connection = s.connection;
            bandwidths = new ArrayList<>(s.bandwidths); timing = s.timing;
            otherLines = new ArrayList<>(s.otherLines); groups = new ArrayList<>(s.groups);
            iceLite = s.iceLite; iceUfrag = s.iceUfrag; icePwd = s.icePwd;
            fingerprints = new ArrayList<>(s.fingerprints); setup = s.setup; direction = s.direction;
            extmapAllowMixed = s.extmapAllowMixed; msidSemantic = s.msidSemantic;
            attributes = new ArrayList<>(s.attributes); media = new ArrayList<>(s.media);
        }

        public Builder origin(Origin v) { origin = v; return this; }
        public Builder sessionName(String v) { sessionName = v; return this; }
        public Builder groups(List<Group> v) { groups = new ArrayList<>(v); return this; }
        public Builder iceLite(boolean v) { iceLite = v; return this; }
        public Builder iceUfrag(String v) { iceUfrag = v; return this; }
        public Builder icePwd(String v) { icePwd = v; return this; }
        public Builder fingerprints(List<Fingerprint> v) { fingerprints = new ArrayList<>(v); return this; }
        public Builder setup(Setup v) { setup = v; return this; }
        public Builder extmapAllowMixed(boolean v) { extmapAllowMixed = v; return this; }
        public Builder msidSemantic(String v) { msidSemantic = v; return this; }
        public Builder attributes(List<Attribute> v) { attributes = new ArrayList<>(v); return this; }
        public Builder media(List<MediaDescription> v) { media = new ArrayList<>(v); return this; }

        public SessionDescription build() {
            return new SessionDescription(origin, sessionName, connection, bandwidths, timing, otherLines, groups,
                    iceLite, iceUfrag, icePwd, fingerprints, setup, direction, extmapAllowMixed, msidSemantic,
                    attributes, media);
        }
    }
}
