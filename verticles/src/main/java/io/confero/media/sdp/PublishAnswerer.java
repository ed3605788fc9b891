package io.confero.media.sdp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Answers a browser's publish offer (RFC 3264 §6, RFC 8829 §5.3): one bundled transport
 * (RFC 8843), rtcp-mux (RFC 5761), ICE-lite (RFC 8445 §2.5), DTLS {@code setup:passive}
 * (RFC 5763 §5: we are the DTLS server). Each audio/video m-section the browser sends on
 * (sendonly/sendrecv) is accepted {@code recvonly} with the codecs of {@link CodecSelector},
 * our header extensions at the offered ids (RFC 8285 §5) and, for simulcast, {@code a=rid:<id> recv}
 * plus {@code a=simulcast:recv} (RFC 8851, RFC 8853 §5.3). Everything else is rejected with port 0:
 * recvonly/inactive sections, sections without rtcp-mux, outside the BUNDLE group or without an
 * acceptable codec, and application (data channel) sections, since the SFU has no SCTP stack.
 *
 * <p>One exception, found against Chromium 156: with {@code bundlePolicy: 'max-bundle'} Chromium
 * fails {@code setRemoteDescription} ("Failed to setup RTCP mux") when the answer rejects the
 * offerer-tagged (first BUNDLE) m-section. So when that section is a usable audio/video section
 * the browser merely does not send on (recvonly/inactive), we answer it {@code a=inactive} and keep
 * it bundled (RFC 3264 §6.1 allows inactive for any offered direction); it is listed in
 * {@link PublishAnswer#inactiveMids()}. A tagged data-channel section is still rejected.
 *
 * <p>The caller may also refuse sections the browser does send on ({@code refusedMids}, e.g. a
 * screen share the meeting does not allow now): they are answered as if not offered for sending,
 * rejected with port 0 (RFC 3264 §6: the offerer's transceiver stops, RFC 8829 §5.10), or
 * {@code a=inactive} when it is the BUNDLE tag, and get no {@link PublishedTrack}.
 */
public final class PublishAnswerer {
    private final MediaCapabilities caps;
    private final CodecSelector selector;

    public PublishAnswerer(MediaCapabilities caps) {
        this.caps = caps;
        this.selector = new CodecSelector(caps);
    }

    /** Parses the browser's offer text, then {@link #answer(SessionDescription, LocalTransport, long, long)}. */
    public PublishAnswer answer(String offerSdp, LocalTransport local, long sessionId, long sessionVersion)
            throws SdpParseException, SdpNegotiationException {
        return answer(SdpParser.parse(offerSdp), local, sessionId, sessionVersion);
    }

    /**
     * @param sessionId our o= session id (random, from the caller)
     * @param sessionVersion our o= session version (incremented by the caller per answer)
     * @throws SdpNegotiationException when the offer has no BUNDLE group, lacks ICE credentials or a
     *     fingerprint, or asks us to be the DTLS client (setup:passive)
     */
    public PublishAnswer answer(SessionDescription offer, LocalTransport local, long sessionId, long sessionVersion)
            throws SdpNegotiationException {
        return answer(offer, local, sessionId, sessionVersion, Set.of());
    }

    /**
     * As {@link #answer(SessionDescription, LocalTransport, long, long)}, refusing the sections whose
     * mid is in {@code refusedMids} (see the class comment).
     */
    public PublishAnswer answer(SessionDescription offer, LocalTransport local, long sessionId, long sessionVersion,
                                Set<String> refusedMids) throws SdpNegotiationException {
        Group bundle = offer.bundleGroup()
                .orElseThrow(() -> new SdpNegotiationException("offer has no BUNDLE group (RFC 8843); Confero requires BUNDLE"));
        String tag = bundle.mids().isEmpty() ? null : bundle.mids().get(0);
        List<MediaDescription> media = new ArrayList<>();
        List<PublishedTrack> tracks = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        List<String> inactive = new ArrayList<>();
        List<String> bundled = new ArrayList<>();
        for (MediaDescription m : offer.media()) {
            checkTransport(offer, m);
            boolean usable = usableRtp(m, bundle);
            List<RtpCodec> chosen = usable ? selector.select(m) : List.of();
            boolean refused = m.mid() != null && refusedMids.contains(m.mid());
            if (!chosen.isEmpty() && m.effectiveDirection().sends() && !refused) {
                MediaDescription answer = acceptSection(m, chosen, local, Direction.RECVONLY);
                media.add(answer);
                bundled.add(m.mid());
                tracks.add(PublishedTrackExtractor.extract(m, answer, chosen));
            } else if (!chosen.isEmpty() && m.mid().equals(tag)) {
                media.add(acceptSection(m, chosen, local, Direction.INACTIVE));
                bundled.add(m.mid());
                inactive.add(m.mid());
            } else {
                media.add(rejectSection(m));
                if (m.mid() != null) {
                    rejected.add(m.mid());
                }
            }
        }
        SessionDescription.Builder sd = SessionDescription.builder(Origin.ours(sessionId, sessionVersion))
                .iceLite(true).extmapAllowMixed(offer.extmapAllowMixed()).msidSemantic("WMS").media(media);
        if (!bundled.isEmpty()) {
            sd.groups(List.of(new Group("BUNDLE", bundled)));
        }
        return new PublishAnswer(sd.build(), tracks, rejected, inactive);
    }

    private static void checkTransport(SessionDescription offer, MediaDescription m) throws SdpNegotiationException {
        if (m.isRejected()) {
            return;
        }
        String what = "offered m-section " + (m.mid() == null ? "without mid" : "'" + m.mid() + "'");
        if (first(m.iceUfrag(), offer.iceUfrag()) == null || first(m.icePwd(), offer.icePwd()) == null) {
            throw new SdpNegotiationException(what + " has no ice-ufrag/ice-pwd (RFC 8839 §5.4)");
        }
        if (m.fingerprints().isEmpty() && offer.fingerprints().isEmpty()) {
            throw new SdpNegotiationException(what + " has no DTLS fingerprint (RFC 8122)");
        }
        Setup setup = first(m.setup(), offer.setup());
        if (setup == Setup.PASSIVE || setup == Setup.HOLDCONN) {
            throw new SdpNegotiationException(what + " offers setup:" + setup.token()
                    + "; Confero is always the DTLS server and needs actpass or active");
        }
    }

    private static <T> T first(T a, T b) {
        return a != null ? a : b;
    }

    /** An audio/video SAVPF section with a mid in the BUNDLE group and rtcp-mux (RFC 8843, RFC 5761). */
    private static boolean usableRtp(MediaDescription m, Group bundle) {
        return !m.isRejected() && m.mid() != null && bundle.mids().contains(m.mid())
                && (m.kind() == MediaKind.AUDIO || m.kind() == MediaKind.VIDEO)
                && m.proto().endsWith("RTP/SAVPF") && m.rtcpMux();
    }

    /** A rejected m-section (RFC 3264 §6, RFC 8829 §5.3.1): port 0, offered formats, mid kept. */
    private static MediaDescription rejectSection(MediaDescription m) {
        MediaDescription.Builder b = MediaDescription.builder(m.media(), 0, m.proto()).formats(m.formats())
                .connection(Connection.of("0.0.0.0")).mid(m.mid());
        if (m.kind() == MediaKind.AUDIO || m.kind() == MediaKind.VIDEO) {
            b.direction(Direction.INACTIVE);
        }
        return b.build();
    }

    private MediaDescription acceptSection(MediaDescription m, List<RtpCodec> chosen, LocalTransport local,
                                           Direction direction) {
        List<Codec> codecs = selector.answerCodecs(m, chosen);
        List<HeaderExtension> extensions = new ArrayList<>();
        for (HeaderExtension e : m.extensions()) {
            if (caps.headerExtensions().contains(e.uri())) {
                extensions.add(new HeaderExtension(e.id(), e.uri(),
                        e.direction() == null ? null : e.direction().reverse(), null));
            }
        }
        MediaDescription.Builder b = MediaDescription.builder(m.media(), local.defaultPort(), m.proto())
                .formats(codecs.stream().map(c -> Integer.toString(c.payloadType())).toList())
                .connection(local.defaultConnection())
                .iceUfrag(local.iceUfrag()).icePwd(local.icePwd()).fingerprints(List.of(local.fingerprint()))
                .setup(Setup.PASSIVE).mid(m.mid()).extensions(extensions).direction(direction)
                .rtcpMux(true).rtcpRsize(m.rtcpRsize()).codecs(codecs)
                .candidates(local.candidates()).endOfCandidates(true);
        boolean ridExtension = extensions.stream().anyMatch(e -> e.uri().equals(MediaCapabilities.RTP_STREAM_ID));
        if (direction == Direction.RECVONLY && m.simulcast() != null && !m.simulcast().send().isEmpty()
                && ridExtension) {
            answerSimulcast(m, b);
        }
        return b.build();
    }

    /** {@code a=rid:<id> recv} per offered send rid and the mirrored {@code a=simulcast:recv} (RFC 8853 §5.3). */
    private static void answerSimulcast(MediaDescription m, MediaDescription.Builder b) {
        Map<String, Rid> sendRids = new LinkedHashMap<>();
        m.rids().stream().filter(r -> r.direction() == Rid.RidDirection.SEND).forEach(r -> sendRids.put(r.id(), r));
        List<List<Simulcast.Stream>> streams = new ArrayList<>();
        for (List<Simulcast.Stream> alts : m.simulcast().send()) {
            List<Simulcast.Stream> kept = alts.stream().filter(s -> sendRids.containsKey(s.rid())).toList();
            if (!kept.isEmpty()) {
                streams.add(kept);
            }
        }
        if (streams.isEmpty()) {
            return;
        }
        b.rids(Simulcast.rids(streams).stream().map(id -> new Rid(id, Rid.RidDirection.RECV, null)).toList());
        b.simulcast(new Simulcast(List.of(), streams));
    }
}
