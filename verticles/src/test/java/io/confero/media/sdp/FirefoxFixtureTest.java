package io.confero.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Firefox 153's SDP (src/test/resources/sdp/firefox153-*.sdp): its own extension ids and payload
 * types, a bundle-only video section, the fingerprint at session level; parsed, answered, and its
 * answer to our subscriber offer validated.
 */
class FirefoxFixtureTest {
    static final String PUBLISH_OFFER = "firefox153-publish-offer.sdp";
    static final String SUBSCRIBE_ANSWER = "firefox153-subscribe-answer.sdp";
    static final String FINGERPRINT =
            "28:59:99:F6:4B:17:25:0D:30:CD:C6:22:A8:5B:A9:48:6C:2A:BF:8F:68:55:34:F9:FF:6A:F1:D5:56:FA:81:7D";

    static String resource(String name) {
        try (InputStream in = FirefoxFixtureTest.class.getResourceAsStream("/sdp/" + name)) {
            if (in == null) {
                throw new AssertionError("missing test resource sdp/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Integer> extIds(MediaDescription m) {
        return m.extensions().stream().collect(Collectors.toMap(HeaderExtension::uri, HeaderExtension::id));
    }

    @ParameterizedTest(name = "mid {0}: {2} at {1}")
    @CsvSource({
        "0, 1, urn:ietf:params:rtp-hdrext:ssrc-audio-level",
        "0, 2, urn:ietf:params:rtp-hdrext:csrc-audio-level",
        "0, 3, urn:ietf:params:rtp-hdrext:sdes:mid",
        "0, 7, http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01",
        "1, 3, urn:ietf:params:rtp-hdrext:sdes:mid",
        "1, 4, http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
        "1, 5, urn:ietf:params:rtp-hdrext:toffset",
        "1, 6, http://www.webrtc.org/experiments/rtp-hdrext/playout-delay",
        "1, 7, http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01",
    })
    void publishOfferExtensionIds(String mid, int id, String uri) throws Exception {
        MediaDescription m = SdpParser.parse(resource(PUBLISH_OFFER)).mediaByMid(mid).orElseThrow();
        assertThat(extIds(m)).containsEntry(uri, id);
    }

    @ParameterizedTest(name = "mid {0}: {1} {2}/{3} {4}")
    @CsvSource(delimiter = '|', value = {
        "0 | 109 | opus | 48000 | maxplaybackrate=48000;stereo=1;useinbandfec=1",
        "0 | 101 | telephone-event | 8000 | 0-15",
        "1 | 120 | VP8 | 90000 | max-fs=12288;max-fr=60",
        "1 | 124 | rtx | 90000 | apt=120",
        "1 | 121 | VP9 | 90000 | max-fs=12288;max-fr=60",
        "1 | 125 | rtx | 90000 | apt=121",
        "1 | 99 | AV1 | 90000 | ",
        "1 | 119 | rtx | 90000 | apt=122",
    })
    void publishOfferPayloadTypes(String mid, int pt, String name, int clock, String fmtp) throws Exception {
        MediaDescription m = SdpParser.parse(resource(PUBLISH_OFFER)).mediaByMid(mid).orElseThrow();
        Codec c = m.codec(pt).orElseThrow();
        assertThat(c.name()).isEqualTo(name);
        assertThat(c.clockRate()).isEqualTo(clock);
        assertThat(c.fmtp() == null || c.fmtp().isEmpty() ? null : c.fmtp()).isEqualTo(fmtp);
    }

    @Test
    void publishOfferHasABundleOnlyVideoSectionAndASessionLevelFingerprint() throws Exception {
        SessionDescription sd = SdpParser.parse(resource(PUBLISH_OFFER));
        assertThat(sd.bundleGroup()).get().extracting(Group::mids).isEqualTo(List.of("0", "1"));
        assertThat(sd.fingerprints()).containsExactly(new Fingerprint("sha-256", FINGERPRINT));
        MediaDescription audio = sd.media().get(0);
        MediaDescription video = sd.media().get(1);
        assertThat(audio.fingerprints()).as("Firefox puts it at session level only").isEmpty();
        assertThat(audio.bundleOnly()).isFalse();
        assertThat(video.bundleOnly()).isTrue();
        assertThat(video.port()).isZero();
        assertThat(video.isRejected()).as("port 0 with bundle-only is not a rejection (RFC 8843 §6)").isFalse();
        assertThat(audio.direction()).isEqualTo(Direction.SENDONLY);
        assertThat(video.direction()).isEqualTo(Direction.SENDONLY);
        assertThat(video.ssrcGroups()).containsExactly(new SsrcGroup("FID", List.of(1529448735L, 1884222464L)));
    }

    @Test
    void publishAnswerKeepsFirefoxsIdsAndPayloadTypes() throws Exception {
        PublishAnswer result = new PublishAnswerer(MediaCapabilities.defaults())
                .answer(resource(PUBLISH_OFFER), TestTransports.LOCAL, 4242L, 1L);
        SessionDescription a = SdpParser.parse(result.sdp());
        assertThat(a.bundleGroup()).get().extracting(Group::mids).isEqualTo(List.of("0", "1"));
        MediaDescription audio = a.media().get(0);
        MediaDescription video = a.media().get(1);
        assertThat(video.port()).as("an answer is never bundle-only (RFC 8843 §7.3.3)").isEqualTo(40000);
        assertThat(video.bundleOnly()).isFalse();
        assertThat(audio.codecs()).extracting(Codec::payloadType).containsExactly(109);
        assertThat(video.codecs()).extracting(Codec::payloadType).containsExactly(120, 124);
        assertThat(extIds(audio)).isEqualTo(Map.of(MediaCapabilities.AUDIO_LEVEL, 1, MediaCapabilities.SDES_MID, 3,
                MediaCapabilities.TRANSPORT_CC, 7));
        assertThat(extIds(video)).isEqualTo(Map.of(MediaCapabilities.SDES_MID, 3, MediaCapabilities.ABS_SEND_TIME, 4,
                MediaCapabilities.TRANSPORT_CC, 7));
        PublishedTrack camera = result.tracks().stream().filter(t -> t.kind() == MediaKind.VIDEO).findFirst().orElseThrow();
        assertThat(camera.codecs()).extracting(RtpCodec::payloadType, RtpCodec::rtxPayloadType)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(120, 124));
        assertThat(camera.extensionId(MediaCapabilities.ABS_SEND_TIME)).isEqualTo(4);
        assertThat(camera.ssrcs()).containsExactly(1529448735L);
        assertThat(camera.rtxSsrcs()).containsEntry(1529448735L, 1884222464L);
    }

    @Test
    void subscribeAnswerToOurOfferValidatesWithItsSessionLevelFingerprint() throws Exception {
        RtpCodec opus = new RtpCodec(111, "opus", 48000, 2, "minptime=10;useinbandfec=1", -1);
        RtpCodec vp8 = new RtpCodec(96, "VP8", 90000, 0, null, 97);
        SubscribeOffer offer = new SubscribeOfferer(TestTransports.LOCAL).offer(SubscribeState.initial(1), List.of(
                new OutgoingTrack("0", MediaKind.AUDIO, List.of(opus), 1111, -1, "confero", "alice", "alice-mic"),
                new OutgoingTrack("1", MediaKind.VIDEO, List.of(vp8), 2222, 3333, "confero", "alice", "alice-cam")));
        SubscribeAnswer a = SubscribeAnswerParser.parse(offer.offer(), resource(SUBSCRIBE_ANSWER));
        assertThat(a.sha256()).get().extracting(Fingerprint::value).isEqualTo(
                "DD:E1:7F:E2:E2:DF:83:AA:E2:EA:3F:B1:9A:92:EA:6E:D5:E0:EA:F1:77:A9:ED:C6:E2:DF:D9:46:A2:25:BE:D7");
        assertThat(a.setup()).isEqualTo(Setup.ACTIVE);
        assertThat(a.weAreDtlsServer()).isTrue();
        assertThat(a.iceUfrag()).isEqualTo("b13d77ac");
        assertThat(a.sections()).allSatisfy(s -> {
            assertThat(s.accepted()).isTrue();
            assertThat(s.direction()).isEqualTo(Direction.RECVONLY);
        });
        assertThat(a.section("0").orElseThrow().payloadTypes()).containsExactly(111);
        assertThat(a.section("1").orElseThrow().payloadTypes()).containsExactly(96, 97);
        assertThat(a.section("0").orElseThrow().headerExtensions()).isEqualTo(Map.of(MediaCapabilities.AUDIO_LEVEL, 1,
                MediaCapabilities.TRANSPORT_CC, 3, MediaCapabilities.SDES_MID, 4));
        assertThat(a.section("1").orElseThrow().headerExtensions()).isEqualTo(Map.of(MediaCapabilities.ABS_SEND_TIME, 2,
                MediaCapabilities.TRANSPORT_CC, 3, MediaCapabilities.SDES_MID, 4));
    }
}
