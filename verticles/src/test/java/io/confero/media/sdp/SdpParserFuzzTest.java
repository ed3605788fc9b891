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
import net.jqwik.api.constraints.StringLength;

/**
 * Fuzzing the parser (CONVENTIONS §2): random text and mutated real Chromium SDP (dropped,
 * duplicated, garbled and swapped lines). Only {@link SdpParseException} may escape, and whatever
 * parses must survive write → parse unchanged. The parser is single-pass over at most 64 KB, so a
 * hang shows up as a run that never finishes.
 */
class SdpParserFuzzTest {

    @Property(tries = 2000)
    void randomTextOnlyThrowsParseException(@ForAll @StringLength(max = 400) String text) {
        parseOrReject(text);
        parseOrReject("v=0\r\no=- 1 1 IN IP4 x\r\ns=-\r\nt=0 0\r\n" + text);
    }

    @Property(tries = 2000)
    void sdpLikeLinesOnlyThrowParseException(@ForAll("sdpLikeLines") List<String> lines) {
        parseOrReject("v=0\r\no=- 1 1 IN IP4 x\r\ns=-\r\nt=0 0\r\n" + String.join("\r\n", lines));
    }

    @Property(tries = 1500)
    void mutatedFixturesOnlyThrowParseException(@ForAll("fixtureName") String name,
                                                @ForAll("mutations") List<int[]> mutations,
                                                @ForAll @StringLength(max = 12) String garbage) {
        List<String> lines = new ArrayList<>(List.of(Fixtures.read(name).split("\r\n")));
        for (int[] mu : mutations) {
            int i = Math.floorMod(mu[1], lines.size());
            int j = Math.floorMod(mu[2], lines.size());
            switch (mu[0]) {
                case 0 -> lines.remove(i);
                case 1 -> lines.add(i, lines.get(j));
                case 2 -> lines.set(i, garble(lines.get(i), mu[2], garbage));
                case 3 -> lines.set(i, lines.get(i).substring(0, Math.floorMod(mu[2], lines.get(i).length() + 1)));
                default -> {
                    String tmp = lines.get(i);
                    lines.set(i, lines.get(j));
                    lines.set(j, tmp);
                }
            }
            if (lines.isEmpty()) {
                break;
            }
        }
        parseOrReject(String.join("\r\n", lines) + "\r\n");
    }

    private static String garble(String line, int at, String garbage) {
        int pos = Math.floorMod(at, line.length() + 1);
        return line.substring(0, pos) + garbage + line.substring(Math.min(line.length(), pos + garbage.length()));
    }

    private static void parseOrReject(String text) {
        SessionDescription sd;
        try {
            sd = SdpParser.parse(text);
        } catch (SdpParseException expected) {
            assertThat(expected.getMessage()).startsWith("SDP");
            return;
        }
        try {
            assertThat(SdpParser.parse(SdpWriter.write(sd))).isEqualTo(sd);
        } catch (SdpParseException e) {
            throw new AssertionError("writer produced unparseable SDP: " + e.getMessage(), e);
        }
    }

    @Provide
    Arbitrary<String> fixtureName() {
        return Arbitraries.of(Fixtures.all());
    }

    @Provide
    Arbitrary<List<int[]>> mutations() {
        Arbitrary<int[]> one = Combinators.combine(Arbitraries.integers().between(0, 4),
                Arbitraries.integers(), Arbitraries.integers()).as((k, a, b) -> new int[] {k, a, b});
        return one.list().ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    Arbitrary<List<String>> sdpLikeLines() {
        Arbitrary<String> prefix = Arbitraries.of("a=rtpmap:", "a=fmtp:", "a=rtcp-fb:", "a=extmap:", "a=ssrc:",
                "a=ssrc-group:", "a=rid:", "a=simulcast:", "a=candidate:", "a=group:BUNDLE ", "a=mid:", "a=msid:",
                "a=fingerprint:", "a=setup:", "a=ice-ufrag:", "m=audio ", "m=video 9 UDP/TLS/RTP/SAVPF ", "c=",
                "b=", "a=sendonly", "a=rtcp-mux", "t=", "a=");
        Arbitrary<String> body = Arbitraries.strings().withChars("0123456789 /;:,~=-abqhfsendrcvtypIN.").ofMaxLength(30);
        return Combinators.combine(prefix, body).as(String::concat).list().ofMaxSize(20);
    }
}
