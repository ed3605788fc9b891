package io.confero.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Answers to real Chromium 156 publish offers (RFC 3264 §6, RFC 8829 §5.3, RFC 8843, RFC 8853). */
class PublishAnswererTest {
    private final PublishAnswerer answerer = new PublishAnswerer(MediaCapabilities.defaults());

    static List<String> offers() {
        return Fixtures.chromiumOffers();
    }

    private PublishAnswer answer(SessionDescription offer) throws SdpNegotiationException {
        return answerer.answer(offer, TestTransports.LOCAL, 4242L, 1L);
    }

    @ParameterizedTest
    @MethodSource("offers")
    void answerIsParseableAndHasTheRequiredAttributes(String name) throws Exception {
        SessionDescription offer = Fixtures.parse(name);
        PublishAnswer result = answer(offer);
        SessionDescription a = SdpParser.parse(result.sdp());
        assertThat(a).isEqualTo(result.answer());
        assertThat(a.origin()).isEqualTo(Origin.ours(4242L, 1L));
        assertThat(a.iceLite()).isTrue();
        assertThat(a.extmapAllowMixed()).isTrue();
        assertThat(a.bundleGroup()).get().extracting(Group::mids).isEqualTo(List.of("0", "1"));
        assertThat(a.media()).hasSameSizeAs(offer.media());
        for (int i = 0; i < a.media().size(); i++) {
            MediaDescription m = a.media().get(i);
            MediaDescription o = offer.media().get(i);
            assertThat(m.mid()).isEqualTo(o.mid());
            assertThat(m.media()).isEqualTo(o.media());
            assertThat(m.port()).isEqualTo(40000);
            assertThat(m.connection()).isEqualTo(Connection.of("127.0.0.1"));
            assertThat(m.direction()).isEqualTo(Direction.RECVONLY);
            assertThat(m.setup()).isEqualTo(Setup.PASSIVE);
            assertThat(m.rtcpMux()).isTrue();
            assertThat(m.rtcpRsize()).isTrue();
            assertThat(m.iceUfrag()).isEqualTo("sfu1");
            assertThat(m.icePwd()).isEqualTo("abcdefghijklmnopqrstuv");
            assertThat(m.fingerprints()).containsExactly(Fingerprint.sha256(TestTransports.FINGERPRINT));
            assertThat(m.candidates()).hasSize(2);
            assertThat(m.endOfCandidates()).isTrue();
            assertThat(m.ssrcs()).isEmpty();
            assertThat(m.formats()).allMatch(o.formats()::contains);
            for (HeaderExtension e : m.extensions()) {
                assertThat(MediaCapabilities.defaults().headerExtensions()).contains(e.uri());
                assertThat(o.extension(e.uri()).orElseThrow().id()).isEqualTo(e.id());
            }
            for (Codec c : m.codecs()) {
                assertThat(c.rtcpFeedback()).allMatch(MediaCapabilities.defaults().rtcpFeedback()::contains);
            }
        }
        assertThat(result.rejectedMids()).isEmpty();
        assertThat(result.tracks()).extracting(PublishedTrack::mid).containsExactly("0", "1");
    }

    @ParameterizedTest
    @MethodSource("offers")
    void picksOpusVp8H264AndTheirRtx(String name) throws Exception {
        PublishAnswer result = answer(Fixtures.parse(name));
        MediaDescription audio = result.answer().media().get(0);
        MediaDescription video = result.answer().media().get(1);
        assertThat(audio.formats()).containsExactly("111");
        assertThat(audio.codec(111).orElseThrow()).isEqualTo(
                new Codec(111, "opus", 48000, 2, "minptime=10;useinbandfec=1", List.of("transport-cc")));
        assertThat(video.formats()).containsExactly("96", "97", "108", "109");
        assertThat(video.codec(97).orElseThrow().apt()).isEqualTo(96);
        assertThat(video.codec(109).orElseThrow().apt()).isEqualTo(108);
        assertThat(video.codec(108).orElseThrow().fmtpParameters()).containsEntry("profile-level-id", "42e01f")
                .containsEntry("packetization-mode", "1");
        assertThat(video.codec(96).orElseThrow().rtcpFeedback())
                .containsExactly("goog-remb", "transport-cc", "ccm fir", "nack", "nack pli");
        assertThat(ids(audio)).isEqualTo(Map.of(MediaCapabilities.AUDIO_LEVEL, 1, MediaCapabilities.ABS_SEND_TIME, 2,
                MediaCapabilities.TRANSPORT_CC, 3, MediaCapabilities.SDES_MID, 4));
        assertThat(ids(video)).isEqualTo(Map.of(MediaCapabilities.ABS_SEND_TIME, 2, MediaCapabilities.TRANSPORT_CC, 3,
                MediaCapabilities.SDES_MID, 4, MediaCapabilities.RTP_STREAM_ID, 10,
                MediaCapabilities.REPAIRED_RTP_STREAM_ID, 11));
        PublishedTrack v = result.tracks().get(1);
        assertThat(v.kind()).isEqualTo(MediaKind.VIDEO);
        assertThat(v.codecs()).extracting(RtpCodec::payloadType, RtpCodec::rtxPayloadType)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(96, 97), org.assertj.core.groups.Tuple.tuple(108, 109));
        assertThat(v.extensionId(MediaCapabilities.SDES_MID)).isEqualTo(4);
        assertThat(result.tracks().get(0).codecs()).singleElement()
                .satisfies(c -> assertThat(c.rtxPayloadType()).isEqualTo(-1));
    }

    @Test
    void plainOfferTracksCarrySsrcsAndMsid() throws Exception {
        PublishAnswer result = answerer.answer(Fixtures.read("chromium-offer-plain.sdp"), TestTransports.LOCAL, 4242L, 1L);
        PublishedTrack audio = result.tracks().get(0);
        PublishedTrack video = result.tracks().get(1);
        assertThat(audio.ssrcs()).containsExactly(4131913905L);
        assertThat(audio.rtxSsrcs()).isEmpty();
        assertThat(audio.cname()).isEqualTo("5UtnSAJBWfr0/CPW");
        assertThat(audio.msid()).isEqualTo(new Msid("593f3f35-3291-4990-b603-6a47740912f6",
                "bac1a8ba-bad7-4177-a73a-2ac2afa9d9d8"));
        assertThat(video.ssrcs()).containsExactly(3432414575L);
        assertThat(video.rtxSsrcs()).containsExactly(Map.entry(3432414575L, 2997329255L));
        assertThat(video.rids()).isEmpty();
        assertThat(result.answer().media().get(1).simulcast()).isNull();
    }

    @Test
    void simulcastOfferIsAnsweredWithRecvRids() throws Exception {
        PublishAnswer result = answer(Fixtures.parse("chromium-offer-simulcast.sdp"));
        MediaDescription video = result.answer().media().get(1);
        assertThat(video.rids()).containsExactly(new Rid("q", Rid.RidDirection.RECV, null),
                new Rid("h", Rid.RidDirection.RECV, null), new Rid("f", Rid.RidDirection.RECV, null));
        assertThat(result.sdp()).contains("a=simulcast:recv q;h;f\r\n", "a=rid:q recv\r\n", "a=ice-lite\r\n",
                "a=group:BUNDLE 0 1\r\n", "a=setup:passive\r\n",
                "a=candidate:1 1 udp 2130706431 127.0.0.1 40000 typ host\r\n",
                "a=candidate:2 1 udp 2130706175 ::1 40000 typ host\r\n", "a=end-of-candidates\r\n");
        PublishedTrack track = result.tracks().get(1);
        assertThat(track.rids()).containsExactly("q", "h", "f");
        assertThat(track.ssrcs()).isEmpty();
        assertThat(track.msid().trackId()).isEqualTo("9faa4dbb-ed07-4330-a2ea-2145d3be9b89");
    }

    static Stream<Arguments> rejectedSections() {
        String head = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0 1\r\n"
                + "a=ice-ufrag:abcd\r\na=ice-pwd:abcdefghijklmnopqrstuvwx\r\n"
                + "a=fingerprint:sha-256 " + TestTransports.FINGERPRINT + "\r\na=setup:actpass\r\n"
                + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\na=sendonly\r\na=rtcp-mux\r\n"
                + "a=rtpmap:111 opus/48000/2\r\n";
        String vp8 = "a=rtpmap:96 VP8/90000\r\n";
        return Stream.of(
                Arguments.of("recvonly video", head + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:1\r\na=recvonly\r\na=rtcp-mux\r\n" + vp8),
                Arguments.of("inactive video", head + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:1\r\na=inactive\r\na=rtcp-mux\r\n" + vp8),
                Arguments.of("no rtcp-mux", head + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:1\r\na=sendonly\r\n" + vp8),
                Arguments.of("only VP9", head + "m=video 9 UDP/TLS/RTP/SAVPF 98\r\na=mid:1\r\na=sendonly\r\na=rtcp-mux\r\n"
                        + "a=rtpmap:98 VP9/90000\r\n"),
                Arguments.of("H264 packetization-mode 0 only", head + "m=video 9 UDP/TLS/RTP/SAVPF 104\r\na=mid:1\r\n"
                        + "a=sendonly\r\na=rtcp-mux\r\na=rtpmap:104 H264/90000\r\n"
                        + "a=fmtp:104 packetization-mode=0;profile-level-id=42e01f\r\n"),
                Arguments.of("data channel", head + "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\na=mid:1\r\n"
                        + "a=sctp-port:5000\r\n"),
                Arguments.of("outside BUNDLE", head.replace("BUNDLE 0 1", "BUNDLE 0")
                        + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:1\r\na=sendonly\r\na=rtcp-mux\r\n" + vp8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedSections")
    void unacceptableSectionIsRejectedWithPortZero(String what, String sdp) throws Exception {
        PublishAnswer result = answer(SdpParser.parse(sdp));
        SessionDescription a = SdpParser.parse(result.sdp());
        MediaDescription rejected = a.media().get(1);
        assertThat(rejected.port()).isZero();
        assertThat(rejected.mid()).isEqualTo("1");
        assertThat(rejected.formats()).isNotEmpty();
        assertThat(result.rejectedMids()).containsExactly("1");
        assertThat(result.tracks()).extracting(PublishedTrack::mid).containsExactly("0");
        assertThat(a.bundleGroup()).get().extracting(Group::mids).isEqualTo(List.of("0"));
        assertThat(a.media().get(0).fingerprints()).hasSize(1);
    }

    @Test
    void recvonlyBundleTaggedSectionIsAnsweredInactiveAndStaysBundled() throws Exception {
        String text = Fixtures.read("chromium-offer-plain.sdp").replaceFirst("a=sendrecv", "a=recvonly")
                .replaceAll("a=ssrc:4131913905[^\r]*\r\n", "");
        PublishAnswer result = answer(SdpParser.parse(text));
        assertFirstSectionInactiveAndStillBundled(result);
    }

    @Test
    void refusedSendingSectionIsRejectedWithPortZeroAndGetsNoTrack() throws Exception {
        PublishAnswer result = answerer.answer(Fixtures.parse("chromium-offer-plain.sdp"), TestTransports.LOCAL,
                1, 1, java.util.Set.of("1"));
        SessionDescription a = SdpParser.parse(result.sdp());
        MediaDescription refused = a.media().get(1);
        assertThat(refused.port()).isZero();
        assertThat(refused.mid()).isEqualTo("1");
        assertThat(refused.direction()).isEqualTo(Direction.INACTIVE);
        assertThat(refused.fingerprints()).isEmpty();
        assertThat(result.rejectedMids()).containsExactly("1");
        assertThat(result.inactiveMids()).isEmpty();
        assertThat(result.tracks()).extracting(PublishedTrack::mid).containsExactly("0");
        assertThat(a.bundleGroup()).get().extracting(Group::mids).isEqualTo(List.of("0"));
        assertThat(a.media().get(0).port()).isEqualTo(40000);
        assertThat(a.media().get(0).direction()).isEqualTo(Direction.RECVONLY);
    }

    @Test
    void refusedBundleTaggedSectionIsAnsweredInactiveAndStaysBundled() throws Exception {
        PublishAnswer result = answerer.answer(Fixtures.parse("chromium-offer-plain.sdp"), TestTransports.LOCAL,
                1, 1, java.util.Set.of("0"));
        assertFirstSectionInactiveAndStillBundled(result);
    }

    /**
     * Chromium cannot take a rejected BUNDLE-tagged (first) section, so it is answered inactive on the
     * bundle's port and stays in the group; only mid 1 carries a track.
     */
    private static void assertFirstSectionInactiveAndStillBundled(PublishAnswer result) throws Exception {
        SessionDescription a = SdpParser.parse(result.sdp());
        assertThat(result.inactiveMids()).containsExactly("0");
        assertThat(result.rejectedMids()).isEmpty();
        assertThat(result.tracks()).extracting(PublishedTrack::mid).containsExactly("1");
        assertThat(a.media().get(0).port()).isEqualTo(40000);
        assertThat(a.media().get(0).direction()).isEqualTo(Direction.INACTIVE);
        assertThat(a.bundleGroup()).get().extracting(Group::mids).isEqualTo(List.of("0", "1"));
    }

    @Test
    void refusingAnUnknownMidChangesNothing() throws Exception {
        SessionDescription offer = Fixtures.parse("chromium-offer-plain.sdp");
        PublishAnswer refused = answerer.answer(offer, TestTransports.LOCAL, 1, 1, java.util.Set.of("7"));
        assertThat(refused).isEqualTo(answerer.answer(offer, TestTransports.LOCAL, 1, 1));
    }

    @Test
    void h264PrefersConstrainedBaseline42e01f() throws Exception {
        SessionDescription offer = Fixtures.parse("chromium-offer-plain.sdp");
        MediaCapabilities h264Only = new MediaCapabilities(List.of("H264"),
                MediaCapabilities.defaults().rtcpFeedback(), MediaCapabilities.defaults().headerExtensions());
        PublishAnswer result = new PublishAnswerer(h264Only).answer(offer, TestTransports.LOCAL, 1, 1);
        assertThat(result.answer().media().get(1).formats()).containsExactly("108", "109");
        assertThat(result.tracks().get(1).codecs().get(0).name()).isEqualTo("H264");
    }

    @Test
    void noCandidatesMeansDiscardAddress() throws Exception {
        LocalTransport none = new LocalTransport("sfu1", "abcdefghijklmnopqrstuv", TestTransports.FINGERPRINT, List.of());
        PublishAnswer result = answerer.answer(Fixtures.parse("chromium-offer-plain.sdp"), none, 1, 1);
        assertThat(result.answer().media()).allSatisfy(m -> {
            assertThat(m.port()).isEqualTo(9);
            assertThat(m.connection()).isEqualTo(Connection.of("0.0.0.0"));
            assertThat(m.candidates()).isEmpty();
        });
    }

    @Test
    void offerWithoutBundleIsRefused() throws Exception {
        String text = Fixtures.read("chromium-offer-plain.sdp").replace("a=group:BUNDLE 0 1\r\n", "");
        assertThatThrownBy(() -> answer(SdpParser.parse(text))).isInstanceOf(SdpNegotiationException.class)
                .hasMessageContaining("BUNDLE");
    }

    @Test
    void offerAskingUsToBeDtlsClientIsRefused() throws Exception {
        String text = Fixtures.read("chromium-offer-plain.sdp").replace("a=setup:actpass", "a=setup:passive");
        assertThatThrownBy(() -> answer(SdpParser.parse(text))).isInstanceOf(SdpNegotiationException.class)
                .hasMessageContaining("setup:passive");
    }

    @Test
    void offerWithoutFingerprintIsRefused() throws Exception {
        String text = Fixtures.read("chromium-offer-plain.sdp").replaceAll("a=fingerprint:[^\r]*\r\n", "");
        assertThatThrownBy(() -> answer(SdpParser.parse(text))).isInstanceOf(SdpNegotiationException.class)
                .hasMessageContaining("fingerprint");
    }

    @Test
    void offerWithoutIceCredentialsIsRefused() throws Exception {
        String text = Fixtures.read("chromium-offer-plain.sdp").replaceAll("a=ice-pwd:[^\r]*\r\n", "");
        assertThatThrownBy(() -> answer(SdpParser.parse(text))).isInstanceOf(SdpNegotiationException.class)
                .hasMessageContaining("ice-pwd");
    }

    private static Map<String, Integer> ids(MediaDescription m) {
        return ChromiumFixtureParseTest.extIds(m);
    }
}
