package io.confero.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** parse → write → parse is stable (RFC 8866 grammar both ways), CRLF and LF accepted. */
class SdpRoundTripTest {

    static List<String> fixtures() {
        return Fixtures.all();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void parseWriteParseIsStable(String name) throws SdpParseException {
        SessionDescription first = Fixtures.parse(name);
        String written = SdpWriter.write(first);
        assertThat(written).endsWith("\r\n").doesNotContain("\n\n").doesNotContainPattern("[^\r]\n");
        SessionDescription second = SdpParser.parse(written);
        assertThat(second).isEqualTo(first);
        assertThat(SdpWriter.write(second)).isEqualTo(written);
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void writerKeepsEveryOriginalLine(String name) {
        String original = Fixtures.read(name);
        String written = SdpWriter.write(Fixtures.parse(name));
        // Firefox writes LF line ends and "msid-semantic:WMS"; the writer emits CRLF and the spaced form.
        List<String> originalLines = Stream.of(original.split("\r?\n"))
                .map(l -> l.replace("a=msid-semantic:WMS", "a=msid-semantic: WMS")).toList();
        List<String> writtenLines = List.of(written.split("\r\n"));
        assertThat(writtenLines).containsExactlyInAnyOrderElementsOf(originalLines);
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void lfOnlyLineEndsParseTheSame(String name) throws SdpParseException {
        String lf = Fixtures.read(name).replace("\r\n", "\n");
        assertThat(SdpParser.parse(lf)).isEqualTo(Fixtures.parse(name));
    }

    @Test
    void noFinalNewlineIsAccepted() throws SdpParseException {
        String text = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0";
        assertThat(SdpParser.parse(text).timing()).isEqualTo(Timing.UNBOUNDED);
    }

    @Test
    void unknownAttributesAndLinesRoundTrip() throws SdpParseException {
        String text = String.join("\r\n", "v=0", "o=alice 2890844526 2890844527 IN IP4 192.0.2.1", "s=Talk",
                "i=info", "u=http://example.com", "c=IN IP4 192.0.2.1", "b=AS:128", "t=0 0", "a=x-custom:1 2 3",
                "a=flag", "m=audio 49170/2 RTP/AVP 0 96", "i=media info", "b=TIAS:64000",
                "a=sendrecv", "a=rtcp-fb:* nack", "a=x-media:v", "a=rtpmap:96 L16/16000/2",
                "a=candidate:842163049 1 udp 1677729535 192.0.2.1 61665 typ srflx raddr 10.0.0.1 rport 61665 generation 0",
                "a=end-of-candidates",
                "m=application 9 UDP/DTLS/SCTP webrtc-datachannel", "a=mid:data", "a=sctp-port:5000", "");
        SessionDescription sd = SdpParser.parse(text);
        assertThat(sd.attributes()).containsExactly(new Attribute("x-custom", "1 2 3"), new Attribute("flag", null));
        MediaDescription audio = sd.media().get(0);
        assertThat(audio.numberOfPorts()).isEqualTo(2);
        assertThat(audio.candidates()).singleElement().satisfies(c -> {
            assertThat(c.type()).isEqualTo("srflx");
            assertThat(c.relAddr()).isEqualTo("10.0.0.1");
            assertThat(c.relPort()).isEqualTo(61665);
            assertThat(c.priority()).isEqualTo(1677729535L);
            assertThat(c.extensions()).containsExactly("generation", "0");
        });
        assertThat(audio.attributes()).contains(new Attribute("rtcp-fb", "* nack"));
        assertThat(sd.media().get(1).kind()).isEqualTo(MediaKind.APPLICATION);
        assertThat(sd.media().get(1).formats()).containsExactly("webrtc-datachannel");
        assertThat(SdpWriter.write(sd)).isEqualTo(text);
    }
}
