package io.confero.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Validation of Chromium's answers to subscriber offers (RFC 3264 §6, RFC 8843 §7.3, RFC 5763 §5). */
class SubscribeAnswerParserTest {

    @Test
    void janusSubscriberAnswerFromChromium() throws Exception {
        SessionDescription offer = Fixtures.parse("janus-videoroom-subscriber-offer-from-janus.sdp");
        SubscribeAnswer answer = SubscribeAnswerParser.parse(offer,
                Fixtures.read("janus-videoroom-subscriber-answer-from-chromium.sdp"));
        assertThat(answer.iceUfrag()).isEqualTo("dtVF");
        assertThat(answer.icePwd()).isEqualTo("MrZcINOcv11vMCOH/85XFLU5");
        assertThat(answer.setup()).isEqualTo(Setup.ACTIVE);
        assertThat(answer.weAreDtlsServer()).isTrue();
        assertThat(answer.sha256()).get().extracting(Fingerprint::value).isEqualTo(
                "64:2B:46:27:1D:A6:BF:86:CF:4E:20:33:AF:89:F7:7E:09:49:2D:F9:C6:80:F0:2E:11:9E:95:3A:E3:15:55:3C");
        assertThat(answer.sections()).extracting(SubscribeAnswer.Section::mid).containsExactly("0", "1");
        assertThat(answer.sections()).allSatisfy(s -> {
            assertThat(s.accepted()).isTrue();
            assertThat(s.direction()).isEqualTo(Direction.RECVONLY);
        });
        assertThat(answer.section("1").orElseThrow().payloadTypes()).containsExactly(96, 97);
        assertThat(answer.section("0").orElseThrow().headerExtensions())
                .containsOnlyKeys(MediaCapabilities.AUDIO_LEVEL, MediaCapabilities.SDES_MID);
        assertThat(answer.section("1").orElseThrow().headerExtensions())
                .containsEntry("http://www.webrtc.org/experiments/rtp-hdrext/playout-delay", 12);
    }

    /** A Chromium-shaped answer to our own offer: same mids, recvonly, setup:active. */
    static String chromiumLikeAnswer(SessionDescription offer) {
        StringBuilder sb = new StringBuilder("v=0\r\no=- 99 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n");
        List<String> bundled = offer.bundleGroup().map(Group::mids).orElse(List.of());
        sb.append("a=group:BUNDLE ").append(String.join(" ", bundled)).append("\r\na=msid-semantic: WMS\r\n");
        for (MediaDescription m : offer.media()) {
            sb.append("m=").append(m.media()).append(' ').append(m.port() == 0 ? 0 : 9)
                    .append(" UDP/TLS/RTP/SAVPF ").append(String.join(" ", m.formats())).append("\r\n")
                    .append("c=IN IP4 0.0.0.0\r\na=ice-ufrag:brws\r\na=ice-pwd:browserpasswordbrowserpw\r\n")
                    .append("a=fingerprint:sha-256 ").append(TestTransports.FINGERPRINT).append("\r\n")
                    .append("a=setup:active\r\na=mid:").append(m.mid()).append("\r\n");
            m.extensions().forEach(e -> sb.append("a=extmap:").append(e.id()).append(' ').append(e.uri()).append("\r\n"));
            sb.append(m.port() == 0 || m.direction() == Direction.INACTIVE ? "a=inactive\r\n" : "a=recvonly\r\n");
            sb.append("a=rtcp-mux\r\n");
            m.codecs().forEach(c -> sb.append("a=rtpmap:").append(c.payloadType()).append(' ').append(c.name())
                    .append('/').append(c.clockRate()).append(c.channels() > 0 ? "/" + c.channels() : "").append("\r\n"));
        }
        return sb.toString();
    }

    @Test
    void answerToOurRenegotiatedOfferValidates() throws Exception {
        SubscribeOfferer offerer = new SubscribeOfferer(TestTransports.LOCAL);
        SubscribeOffer first = offerer.offer(SubscribeState.initial(1),
                List.of(SubscribeOffererTest.ALICE_AUDIO, SubscribeOffererTest.ALICE_VIDEO));
        SubscribeOffer second = offerer.offer(first.state(), List.of(SubscribeOffererTest.ALICE_AUDIO));
        SubscribeOffer third = offerer.offer(second.state(),
                List.of(SubscribeOffererTest.ALICE_AUDIO, SubscribeOffererTest.BOB_VIDEO));
        SubscribeAnswer a = SubscribeAnswerParser.parse(third.offer(), chromiumLikeAnswer(third.offer()));
        assertThat(a.sections()).extracting(SubscribeAnswer.Section::mid, SubscribeAnswer.Section::accepted)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a0", true),
                        org.assertj.core.groups.Tuple.tuple("v1", false),
                        org.assertj.core.groups.Tuple.tuple("v2", true));
        assertThat(a.iceUfrag()).isEqualTo("brws");
        assertThat(a.setup()).isEqualTo(Setup.ACTIVE);
    }

    static Stream<Arguments> badAnswers() {
        return Stream.of(
                Arguments.of("missing m-section", (UnaryOperator<String>) s -> s.substring(0, s.indexOf("m=video"))
                        .replace("BUNDLE a0 v1", "BUNDLE a0"),
                        "answer has 1 m-sections, offer had 2"),
                Arguments.of("wrong mid", (UnaryOperator<String>) s -> s.replace("a=mid:v1", "a=mid:zz")
                        .replace("BUNDLE a0 v1", "BUNDLE a0 zz"), "offered mid v1 not answered"),
                Arguments.of("sendonly answer", (UnaryOperator<String>) s -> s.replaceFirst("a=recvonly", "a=sendonly"),
                        "answered sendonly to sendonly"),
                Arguments.of("payload type not offered", (UnaryOperator<String>) s -> s.replace(
                        "UDP/TLS/RTP/SAVPF 96 97", "UDP/TLS/RTP/SAVPF 96 97 100"), "payload type 100 we did not offer"),
                Arguments.of("extmap id changed", (UnaryOperator<String>) s -> s.replaceFirst(
                        "a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid", "a=extmap:9 urn:ietf:params:rtp-hdrext:sdes:mid"),
                        "not offered with that id"),
                Arguments.of("outside bundle", (UnaryOperator<String>) s -> s.replace("BUNDLE a0 v1", "BUNDLE a0"),
                        "outside the BUNDLE group"),
                Arguments.of("actpass in answer", (UnaryOperator<String>) s -> s.replace("a=setup:active", "a=setup:actpass"),
                        "not active or passive"),
                Arguments.of("no fingerprint", (UnaryOperator<String>) s -> s.replaceAll("a=fingerprint:[^\r]*\r\n", ""),
                        "no DTLS fingerprint"),
                Arguments.of("no ice-pwd", (UnaryOperator<String>) s -> s.replaceAll("a=ice-pwd:[^\r]*\r\n", ""),
                        "no ice-ufrag/ice-pwd"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badAnswers")
    void badAnswerIsRefused(String what, UnaryOperator<String> mutate, String problem) throws Exception {
        SubscribeOffer offer = new SubscribeOfferer(TestTransports.LOCAL).offer(SubscribeState.initial(1),
                List.of(SubscribeOffererTest.ALICE_AUDIO, SubscribeOffererTest.ALICE_VIDEO));
        String answer = mutate.apply(chromiumLikeAnswer(offer.offer()));
        assertThatThrownBy(() -> SubscribeAnswerParser.parse(offer.offer(), answer))
                .isInstanceOf(SdpNegotiationException.class).hasMessageContaining(problem);
    }
}
