package io.confero.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Real Chromium 156 / Janus SDP (shared/fixtures/sdp) parses with the expected fields. */
class ChromiumFixtureParseTest {

    static List<String> fixtures() {
        return Fixtures.chromiumAndJanus();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void everyFixtureParsesWithBundleAndMids(String name) {
        SessionDescription sd = Fixtures.parse(name);
        assertThat(sd.media()).hasSize(2);
        assertThat(sd.bundleGroup()).get().extracting(Group::mids).isEqualTo(List.of("0", "1"));
        assertThat(sd.media()).extracting(MediaDescription::mid).containsExactly("0", "1");
        assertThat(sd.media()).extracting(MediaDescription::kind).containsExactly(MediaKind.AUDIO, MediaKind.VIDEO);
        assertThat(sd.media()).allSatisfy(m -> {
            assertThat(m.rtcpMux()).isTrue();
            assertThat(m.proto()).isEqualTo("UDP/TLS/RTP/SAVPF");
            assertThat(m.port()).isEqualTo(9);
        });
        assertThat(sd.timing()).isEqualTo(Timing.UNBOUNDED);
    }

    @Test
    void chromiumOfferPlainAudio() {
        SessionDescription sd = Fixtures.parse("chromium-offer-plain.sdp");
        assertThat(sd.origin().sessionId()).isEqualTo("5649318515531072585");
        assertThat(sd.origin().sessionVersion()).isEqualTo(2);
        assertThat(sd.extmapAllowMixed()).isTrue();
        assertThat(sd.msidSemantic()).isEqualTo("WMS 593f3f35-3291-4990-b603-6a47740912f6");
        MediaDescription audio = sd.media().get(0);
        assertThat(audio.formats()).containsExactly("111", "63", "9", "0", "8", "13", "110", "126");
        Codec opus = audio.codec(111).orElseThrow();
        assertThat(opus).isEqualTo(new Codec(111, "opus", 48000, 2, "minptime=10;useinbandfec=1", List.of("transport-cc")));
        assertThat(opus.fmtpParameters()).containsEntry("useinbandfec", "1").containsEntry("minptime", "10");
        assertThat(audio.codec(63).orElseThrow().fmtp()).isEqualTo("111/111");
        assertThat(audio.codec(0).orElseThrow().name()).isEqualTo("PCMU");
        assertThat(audio.iceUfrag()).isEqualTo("0ShY");
        assertThat(audio.icePwd()).isEqualTo("mp+xAG1zh5+JiE/TBa7NRZEd");
        assertThat(audio.fingerprints()).containsExactly(new Fingerprint("sha-256",
                "39:77:EF:B3:89:FD:C2:3A:ED:C3:00:7A:09:AE:99:7B:48:BB:14:37:B0:F1:DB:40:FE:81:5D:34:80:39:5F:F6"));
        assertThat(audio.setup()).isEqualTo(Setup.ACTPASS);
        assertThat(audio.direction()).isEqualTo(Direction.SENDRECV);
        assertThat(audio.rtcpRsize()).isTrue();
        assertThat(audio.msids()).containsExactly(new Msid("593f3f35-3291-4990-b603-6a47740912f6",
                "bac1a8ba-bad7-4177-a73a-2ac2afa9d9d8"));
        assertThat(extIds(audio)).isEqualTo(Map.of(
                "urn:ietf:params:rtp-hdrext:ssrc-audio-level", 1,
                "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time", 2,
                "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01", 3,
                "urn:ietf:params:rtp-hdrext:sdes:mid", 4));
        assertThat(audio.ssrcIds()).containsExactly(4131913905L);
        assertThat(audio.ssrcs().get(0)).isEqualTo(new SsrcAttribute(4131913905L, "cname", "5UtnSAJBWfr0/CPW"));
        assertThat(audio.attributes("rtcp")).containsExactly(new Attribute("rtcp", "9 IN IP4 0.0.0.0"));
        assertThat(audio.attributes("rtcp-xr")).hasSize(1);
        assertThat(audio.attributes("ice-options")).containsExactly(new Attribute("ice-options", "trickle"));
        assertThat(audio.connection()).isEqualTo(new Connection("IN", "IP4", "0.0.0.0"));
    }

    @Test
    void chromiumOfferPlainVideo() {
        MediaDescription video = Fixtures.parse("chromium-offer-plain.sdp").media().get(1);
        assertThat(video.formats()).hasSize(23);
        assertThat(video.codecs()).hasSize(23);
        Codec vp8 = video.codec(96).orElseThrow();
        assertThat(vp8.name()).isEqualTo("VP8");
        assertThat(vp8.clockRate()).isEqualTo(90000);
        assertThat(vp8.channels()).isZero();
        assertThat(vp8.rtcpFeedback()).containsExactly("goog-remb", "transport-cc", "ccm fir", "nack", "nack pli");
        Codec rtx = video.codec(97).orElseThrow();
        assertThat(rtx.isRtx()).isTrue();
        assertThat(rtx.apt()).isEqualTo(96);
        assertThat(video.codec(108).orElseThrow().fmtpParameters())
                .containsEntry("packetization-mode", "1").containsEntry("profile-level-id", "42e01f");
        assertThat(video.codec(120).orElseThrow().name()).isEqualTo("ulpfec");
        Map<String, Integer> ids = extIds(video);
        assertThat(ids).containsEntry("urn:ietf:params:rtp-hdrext:toffset", 14)
                .containsEntry("urn:3gpp:video-orientation", 13)
                .containsEntry("http://www.webrtc.org/experiments/rtp-hdrext/playout-delay", 5)
                .containsEntry("http://www.webrtc.org/experiments/rtp-hdrext/video-content-type", 6)
                .containsEntry("http://www.webrtc.org/experiments/rtp-hdrext/video-timing", 7)
                .containsEntry("http://www.webrtc.org/experiments/rtp-hdrext/color-space", 8)
                .containsEntry("urn:ietf:params:rtp-hdrext:sdes:mid", 4)
                .containsEntry("urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id", 10)
                .containsEntry("urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id", 11);
        assertThat(video.ssrcGroups()).containsExactly(new SsrcGroup("FID", List.of(3432414575L, 2997329255L)));
        assertThat(video.ssrcIds()).containsExactly(3432414575L, 2997329255L);
        assertThat(video.rids()).isEmpty();
        assertThat(video.simulcast()).isNull();
    }

    @Test
    void chromiumOfferSimulcast() {
        SessionDescription sd = Fixtures.parse("chromium-offer-simulcast.sdp");
        MediaDescription video = sd.media().get(1);
        assertThat(video.direction()).isEqualTo(Direction.SENDONLY);
        assertThat(video.rids()).containsExactly(new Rid("q", Rid.RidDirection.SEND, null),
                new Rid("h", Rid.RidDirection.SEND, null), new Rid("f", Rid.RidDirection.SEND, null));
        assertThat(video.simulcast().send()).containsExactly(
                List.of(new Simulcast.Stream("q", false)), List.of(new Simulcast.Stream("h", false)),
                List.of(new Simulcast.Stream("f", false)));
        assertThat(video.simulcast().recv()).isEmpty();
        assertThat(video.ssrcs()).isEmpty();
        assertThat(extIds(video))
                .containsEntry("https://aomediacodec.github.io/av1-rtp-spec/#dependency-descriptor-rtp-header-extension", 12)
                .containsEntry("http://www.webrtc.org/experiments/rtp-hdrext/video-layers-allocation00", 9);
        assertThat(SdpWriter.write(sd)).contains("a=simulcast:send q;h;f\r\n", "a=rid:q send\r\n");
    }

    @Test
    void janusAnswerHasSessionLevelFingerprintAndActiveSetup() {
        SessionDescription sd = Fixtures.parse("janus-echotest-answer.sdp");
        assertThat(sd.fingerprints()).singleElement().extracting(Fingerprint::hashFunction).isEqualTo("sha-256");
        assertThat(sd.msidSemantic()).isEqualTo("WMS *");
        MediaDescription video = sd.media().get(1);
        assertThat(video.setup()).isEqualTo(Setup.ACTIVE);
        assertThat(video.connection().address()).isEqualTo("127.0.0.1");
        assertThat(video.msids()).containsExactly(new Msid("janus", "janus1"));
        assertThat(video.codecs()).extracting(Codec::payloadType).containsExactly(96, 97);
    }

    @Test
    void janusPublishAnswerSimulcastRecv() {
        MediaDescription video = Fixtures.parse("janus-videoroom-publish-answer-simulcast.sdp").media().get(1);
        assertThat(video.direction()).isEqualTo(Direction.RECVONLY);
        assertThat(video.rids()).extracting(Rid::direction).containsOnly(Rid.RidDirection.RECV);
        assertThat(Simulcast.rids(video.simulcast().recv())).containsExactly("q", "h", "f");
    }

    static Map<String, Integer> extIds(MediaDescription m) {
        return m.extensions().stream().collect(Collectors.toMap(HeaderExtension::uri, HeaderExtension::id));
    }
}
