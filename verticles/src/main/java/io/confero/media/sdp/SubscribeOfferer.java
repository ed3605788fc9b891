package io.confero.media.sdp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds our offers for a subscriber PeerConnection (RFC 8829 §5.2): one sendonly m-section per
 * forwarded track, all bundled (RFC 8843) on our single ICE-lite transport, rtcp-mux, DTLS
 * {@code setup:actpass} (RFC 5763 §5; Chromium answers active, so we stay the DTLS server), the
 * header extensions below, {@code a=ssrc} cname/msid lines and {@code a=ssrc-group:FID} for rtx
 * (RFC 5576, RFC 4588).
 *
 * <p>Renegotiation: m-sections keep their mids and order forever. A track missing from the next
 * call has ended: its section becomes {@code a=inactive} with port 0 and leaves the BUNDLE group,
 * except the BUNDLE-tagged (first bundled) section, which stays bundled and inactive so the tag
 * never moves. New tracks append new m-sections. Ended mids are never reused. Each offer
 * increments the o= session version (RFC 3264 §8). Pure: state goes in and comes out.
 */
public final class SubscribeOfferer {
    /** Header-extension ids we offer (Chromium's own numbering, so no rewriting is needed on ingress). */
    public static final int AUDIO_LEVEL_ID = 1;
    public static final int ABS_SEND_TIME_ID = 2;
    public static final int TRANSPORT_CC_ID = 3;
    public static final int MID_ID = 4;
    private static final List<String> VIDEO_FEEDBACK = List.of("goog-remb", "transport-cc", "ccm fir", "nack", "nack pli");
    private static final List<String> AUDIO_FEEDBACK = List.of("transport-cc");

    private final LocalTransport local;

    public SubscribeOfferer(LocalTransport local) {
        this.local = local;
    }

    /**
     * The next offer carrying exactly {@code tracks}.
     *
     * @throws IllegalArgumentException when mids repeat, a mid of an ended track is reused, or a
     *     mid changes kind
     */
    public SubscribeOffer offer(SubscribeState state, List<OutgoingTrack> tracks) {
        Map<String, OutgoingTrack> byMid = new LinkedHashMap<>();
        for (OutgoingTrack t : tracks) {
            if (byMid.put(t.mid(), t) != null) {
                throw new IllegalArgumentException("mid " + t.mid() + " given twice");
            }
        }
        List<SubscribeState.Slot> slots = nextSlots(state, byMid);
        List<MediaDescription> media = new ArrayList<>();
        List<String> bundled = new ArrayList<>();
        for (SubscribeState.Slot slot : slots) {
            media.add(section(slot, byMid.get(slot.mid())));
            if (slot.state() != SubscribeState.SlotState.STOPPED) {
                bundled.add(slot.mid());
            }
        }
        long version = state.sessionVersion() + 1;
        SessionDescription.Builder sd = SessionDescription.builder(Origin.ours(state.sessionId(), version))
                .iceLite(true).msidSemantic("WMS *").media(media);
        if (!bundled.isEmpty()) {
            sd.groups(List.of(new Group("BUNDLE", bundled)));
        }
        return new SubscribeOffer(sd.build(), new SubscribeState(state.sessionId(), version, slots));
    }

    private static List<SubscribeState.Slot> nextSlots(SubscribeState state, Map<String, OutgoingTrack> byMid) {
        String tag = state.slots().stream().filter(s -> s.state() != SubscribeState.SlotState.STOPPED)
                .map(SubscribeState.Slot::mid).findFirst().orElse(null);
        List<SubscribeState.Slot> out = new ArrayList<>();
        Set<String> known = new HashSet<>();
        for (SubscribeState.Slot s : state.slots()) {
            known.add(s.mid());
            OutgoingTrack t = byMid.get(s.mid());
            if (t != null && s.state() != SubscribeState.SlotState.ACTIVE) {
                throw new IllegalArgumentException("mid " + s.mid() + " belonged to an ended track; use a new mid");
            }
            if (t != null && t.kind() != s.kind()) {
                throw new IllegalArgumentException("mid " + s.mid() + " cannot change kind");
            }
            if (t != null) {
                out.add(new SubscribeState.Slot(s.mid(), s.kind(), t.codecs(), SubscribeState.SlotState.ACTIVE));
            } else if (s.state() == SubscribeState.SlotState.ACTIVE) {
                SubscribeState.SlotState ended = s.mid().equals(tag)
                        ? SubscribeState.SlotState.INACTIVE : SubscribeState.SlotState.STOPPED;
                out.add(new SubscribeState.Slot(s.mid(), s.kind(), s.codecs(), ended));
            } else {
                out.add(s);
            }
        }
        for (OutgoingTrack t : byMid.values()) {
            if (!known.contains(t.mid())) {
                out.add(new SubscribeState.Slot(t.mid(), t.kind(), t.codecs(), SubscribeState.SlotState.ACTIVE));
            }
        }
        return out;
    }

    private MediaDescription section(SubscribeState.Slot slot, OutgoingTrack track) {
        List<Codec> codecs = codecs(slot);
        MediaDescription.Builder b = MediaDescription.builder(slot.kind().token(), 0, "UDP/TLS/RTP/SAVPF")
                .formats(codecs.stream().map(c -> Integer.toString(c.payloadType())).toList())
                .mid(slot.mid()).rtcpMux(true).codecs(codecs).direction(Direction.INACTIVE);
        if (slot.state() == SubscribeState.SlotState.STOPPED) {
            return b.connection(Connection.of("0.0.0.0")).build();
        }
        b.port(local.defaultPort()).connection(local.defaultConnection())
                .iceUfrag(local.iceUfrag()).icePwd(local.icePwd()).fingerprints(List.of(local.fingerprint()))
                .setup(Setup.ACTPASS).extensions(extensions(slot.kind())).rtcpRsize(true)
                .candidates(local.candidates()).endOfCandidates(true);
        if (track != null) {
            b.direction(Direction.SENDONLY).msids(List.of(new Msid(track.streamId(), track.trackId())));
            ssrcLines(b, track);
        }
        return b.build();
    }

    private static List<Codec> codecs(SubscribeState.Slot slot) {
        List<String> feedback = slot.kind() == MediaKind.VIDEO ? VIDEO_FEEDBACK : AUDIO_FEEDBACK;
        List<Codec> out = new ArrayList<>();
        Set<Integer> pts = new HashSet<>();
        for (RtpCodec c : slot.codecs()) {
            checkNewPt(pts, c.payloadType(), slot.mid());
            out.add(new Codec(c.payloadType(), c.name(), c.clockRate(), c.channels(), c.fmtp(), feedback));
            if (c.hasRtx()) {
                checkNewPt(pts, c.rtxPayloadType(), slot.mid());
                out.add(new Codec(c.rtxPayloadType(), "rtx", c.clockRate(), 0, "apt=" + c.payloadType()));
            }
        }
        return out;
    }

    private static void checkNewPt(Set<Integer> pts, int pt, String mid) {
        if (!pts.add(pt)) {
            throw new IllegalArgumentException("payload type " + pt + " used twice in mid " + mid);
        }
    }

    private static List<HeaderExtension> extensions(MediaKind kind) {
        List<HeaderExtension> out = new ArrayList<>();
        if (kind == MediaKind.AUDIO) {
            out.add(new HeaderExtension(AUDIO_LEVEL_ID, MediaCapabilities.AUDIO_LEVEL));
        }
        out.add(new HeaderExtension(ABS_SEND_TIME_ID, MediaCapabilities.ABS_SEND_TIME));
        out.add(new HeaderExtension(TRANSPORT_CC_ID, MediaCapabilities.TRANSPORT_CC));
        out.add(new HeaderExtension(MID_ID, MediaCapabilities.SDES_MID));
        return out;
    }

    private static void ssrcLines(MediaDescription.Builder b, OutgoingTrack t) {
        String msid = t.streamId() + " " + t.trackId();
        List<SsrcAttribute> ssrcs = new ArrayList<>();
        List<Long> ids = t.rtxSsrc() >= 0 ? List.of(t.ssrc(), t.rtxSsrc()) : List.of(t.ssrc());
        for (long id : ids) {
            ssrcs.add(new SsrcAttribute(id, "cname", t.cname()));
            ssrcs.add(new SsrcAttribute(id, "msid", msid));
        }
        b.ssrcs(ssrcs);
        if (t.rtxSsrc() >= 0) {
            b.ssrcGroups(List.of(new SsrcGroup("FID", ids)));
        }
    }
}
