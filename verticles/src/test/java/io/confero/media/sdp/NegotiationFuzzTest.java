package io.confero.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Mutated (but still parseable) Chromium offers and answers fed to the negotiation code: only
 * {@link SdpNegotiationException} may escape, and every answer we produce parses back.
 */
class NegotiationFuzzTest {
    private static final List<String> REPLACEMENTS = List.of("a=sendonly", "a=recvonly", "a=inactive", "a=sendrecv",
            "a=setup:passive", "a=setup:active", "a=rtcp-mux", "a=bundle-only", "a=rid:q send", "a=rid:x recv",
            "a=simulcast:send q;~h,f", "a=ssrc-group:FID 1 2 3", "a=ssrc:5 msid: x", "a=fmtp:97 apt=97",
            "a=extmap:10/recvonly urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id", "a=msid:- -",
            "m=application 9 UDP/DTLS/SCTP webrtc-datachannel", "m=video 0 UDP/TLS/RTP/SAVPF 96", "a=group:BUNDLE 1",
            "a=mid:0", "a=mid:1", "c=IN IP6 ::1", "a=rtpmap:97 rtx/90000", "a=rtpmap:96 H264/90000",
            "a=fmtp:96 packetization-mode=1", "a=ice-ufrag:abcd", "a=ice-pwd:abcdefghijklmnopqrstuvwx");

    @Property(tries = 1500)
    void publishAnswererOnlyThrowsNegotiationException(@ForAll("offerName") String name,
                                                       @ForAll("edits") List<int[]> edits) throws Exception {
        SessionDescription offer = mutate(Fixtures.read(name), edits);
        Statistics.label("offer").collect(offer == null ? "unparseable" : "parsed");
        if (offer == null) {
            return;
        }
        try {
            PublishAnswer a = new PublishAnswerer(MediaCapabilities.defaults()).answer(offer, TestTransports.LOCAL, 1, 1);
            Statistics.label("outcome").collect("answered");
            assertThat(SdpParser.parse(a.sdp())).isEqualTo(a.answer());
        } catch (SdpNegotiationException expected) {
            Statistics.label("outcome").collect("refused");
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 1500)
    void subscribeAnswerParserOnlyThrowsNegotiationException(@ForAll("edits") List<int[]> edits) throws Exception {
        SessionDescription offer = Fixtures.parse("janus-videoroom-subscriber-offer-from-janus.sdp");
        SessionDescription answer = mutate(Fixtures.read("janus-videoroom-subscriber-answer-from-chromium.sdp"), edits);
        if (answer == null) {
            return;
        }
        try {
            SubscribeAnswer a = SubscribeAnswerParser.validate(offer, answer);
            Statistics.label("outcome").collect("valid");
            assertThat(a.sections()).hasSize(2);
        } catch (SdpNegotiationException expected) {
            Statistics.label("outcome").collect("refused");
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    /** Applies edits (delete, insert replacement, replace with replacement); null when no longer parseable. */
    private static SessionDescription mutate(String sdp, List<int[]> edits) {
        List<String> lines = new ArrayList<>(List.of(sdp.split("\r\n")));
        for (int[] e : edits) {
            int at = 3 + Math.floorMod(e[1], lines.size() - 3);
            String repl = REPLACEMENTS.get(Math.floorMod(e[2], REPLACEMENTS.size()));
            switch (e[0]) {
                case 0 -> lines.remove(at);
                case 1 -> lines.add(at, repl);
                default -> lines.set(at, repl);
            }
        }
        try {
            return SdpParser.parse(String.join("\r\n", lines) + "\r\n");
        } catch (SdpParseException notInteresting) {
            return null;
        }
    }

    @Provide
    Arbitrary<String> offerName() {
        return Arbitraries.of(Fixtures.chromiumOffers());
    }

    @Provide
    Arbitrary<List<int[]>> edits() {
        Arbitrary<int[]> one = Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers(),
                Arbitraries.integers()).as((k, a, b) -> new int[] {k, a, b});
        return one.list().ofMinSize(1).ofMaxSize(5);
    }
}
