package io.confero.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed descriptions are rejected with a message naming the line and the problem. */
class Rfc8866MalformedSdpTest {
    private static final String HEAD = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";
    private static final String AUDIO = "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\n";

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("empty", "", 1, "first line must be 'v=0'"),
                Arguments.of("missing v=", "o=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n", 1, "v=0"),
                Arguments.of("wrong version", "v=1\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n", 1, "v=0"),
                Arguments.of("missing o=", "v=0\r\ns=-\r\nt=0 0\r\n", 2, "expected 'o='"),
                Arguments.of("o= too few fields", "v=0\r\no=- 1 2 IN IP4\r\ns=-\r\nt=0 0\r\n", 2, "6 fields"),
                Arguments.of("o= non-numeric id", "v=0\r\no=- abc 2 IN IP4 x\r\ns=-\r\nt=0 0\r\n", 2, "session id"),
                Arguments.of("o= non-numeric version", "v=0\r\no=- 1 x2 IN IP4 x\r\ns=-\r\nt=0 0\r\n", 2, "session version"),
                Arguments.of("missing s=", "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\nt=0 0\r\n", 3, "expected 's='"),
                Arguments.of("missing t=", "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\n", 3, "missing t="),
                Arguments.of("m= before t=", "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\n" + AUDIO, 4, "before the required t="),
                Arguments.of("t= not numeric", "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 x\r\n", 4, "t= stop"),
                Arguments.of("not type=value", HEAD + "hello\r\n", 5, "not a '<type>=<value>' line"),
                Arguments.of("uppercase type", HEAD + "A=x\r\n", 5, "invalid line type"),
                Arguments.of("unknown type", HEAD + "x=1\r\n", 5, "not allowed at session level"),
                Arguments.of("empty line inside", HEAD + "\r\n" + AUDIO, 5, "not a '<type>=<value>' line"),
                Arguments.of("control character", HEAD + "a=x\u0001y\r\n", 5, "control character"),
                Arguments.of("m= too few fields", HEAD + "m=audio 9 UDP/TLS/RTP/SAVPF\r\n", 5, "m= line needs"),
                Arguments.of("m= port not numeric", HEAD + "m=audio nine UDP/TLS/RTP/SAVPF 111\r\n", 5, "m= port is not a number"),
                Arguments.of("m= port too big", HEAD + "m=audio 65536 UDP/TLS/RTP/SAVPF 111\r\n", 5, "m= port 65536 out of range"),
                Arguments.of("m= negative port", HEAD + "m=audio -1 UDP/TLS/RTP/SAVPF 111\r\n", 5, "m= port is not a number"),
                Arguments.of("m= payload type 128", HEAD + "m=audio 9 UDP/TLS/RTP/SAVPF 128\r\n", 5, "payload type 128 out of range"),
                Arguments.of("m= payload type text", HEAD + "m=audio 9 UDP/TLS/RTP/SAVPF opus\r\n", 5, "payload type is not a number"),
                Arguments.of("m= double space", HEAD + "m=audio 9  UDP/TLS/RTP/SAVPF 111\r\n", 5, "empty field"),
                Arguments.of("m= duplicate pt", HEAD + "m=audio 9 UDP/TLS/RTP/SAVPF 111 111\r\n", 5, "listed twice"),
                Arguments.of("rtpmap pt not in m=", HEAD + AUDIO + "a=rtpmap:96 VP8/90000\r\n", 7,
                        "rtpmap for payload type 96 not in the m= format list"),
                Arguments.of("fmtp pt not in m=", HEAD + AUDIO + "a=fmtp:96 apt=111\r\n", 7, "fmtp for payload type 96"),
                Arguments.of("rtcp-fb pt not in m=", HEAD + AUDIO + "a=rtcp-fb:96 nack\r\n", 7, "rtcp-fb for payload type 96"),
                Arguments.of("rtpmap no clock", HEAD + AUDIO + "a=rtpmap:111 opus\r\n", 7, "rtpmap needs"),
                Arguments.of("rtpmap bad clock", HEAD + AUDIO + "a=rtpmap:111 opus/fast/2\r\n", 7, "clock rate is not a number"),
                Arguments.of("rtpmap duplicate", HEAD + AUDIO + "a=rtpmap:111 opus/48000/2\r\na=rtpmap:111 opus/48000/2\r\n", 8,
                        "duplicate rtpmap"),
                Arguments.of("rtpmap in datachannel", HEAD + "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n"
                        + "a=rtpmap:5000 x/1\r\n", 6, "non-RTP m-section"),
                Arguments.of("extmap id 0", HEAD + AUDIO + "a=extmap:0 urn:x\r\n", 7, "extmap id 0 out of range"),
                Arguments.of("extmap id 300", HEAD + AUDIO + "a=extmap:300 urn:x\r\n", 7, "not in 1-255"),
                Arguments.of("extmap duplicate id", HEAD + AUDIO + "a=extmap:1 urn:a\r\na=extmap:1 urn:b\r\n", 8, "duplicate extmap id 1"),
                Arguments.of("extmap bad direction", HEAD + AUDIO + "a=extmap:1/up urn:a\r\n", 7, "extmap direction"),
                Arguments.of("extmap no uri", HEAD + AUDIO + "a=extmap:1\r\n", 7, "extmap needs"),
                Arguments.of("ssrc not numeric", HEAD + AUDIO + "a=ssrc:abc cname:x\r\n", 7, "ssrc is not a number"),
                Arguments.of("ssrc too big", HEAD + AUDIO + "a=ssrc:4294967296 cname:x\r\n", 7, "out of range"),
                Arguments.of("ssrc-group without ssrcs", HEAD + AUDIO + "a=ssrc-group:FID\r\n", 7, "ssrc-group needs"),
                Arguments.of("duplicate mid", HEAD + AUDIO + AUDIO, 7, "duplicate mid '0'"),
                Arguments.of("duplicate mid attribute", HEAD + AUDIO + "a=mid:1\r\n", 7, "duplicate attribute 'mid'"),
                Arguments.of("bundle unknown mid", HEAD + "a=group:BUNDLE 0 7\r\n" + AUDIO, 0, "unknown mid '7'"),
                Arguments.of("setup invalid", HEAD + AUDIO + "a=setup:server\r\n", 7, "invalid setup value"),
                Arguments.of("fingerprint not hex", HEAD + AUDIO + "a=fingerprint:sha-256 ZZ:00\r\n", 7, "hex pairs"),
                Arguments.of("fingerprint missing value", HEAD + AUDIO + "a=fingerprint:sha-256\r\n", 7, "fingerprint needs"),
                Arguments.of("ice-ufrag illegal chars", HEAD + AUDIO + "a=ice-ufrag:a b\r\n", 7, "ICE credential"),
                Arguments.of("two directions", HEAD + AUDIO + "a=sendonly\r\na=recvonly\r\n", 8, "duplicate attribute 'recvonly'"),
                Arguments.of("rtcp-mux with value", HEAD + AUDIO + "a=rtcp-mux:1\r\n", 7, "takes no value"),
                Arguments.of("rid bad direction", HEAD + AUDIO + "a=rid:q sideways\r\n", 7, "invalid rid direction"),
                Arguments.of("rid bad id", HEAD + AUDIO + "a=rid:q! send\r\n", 7, "rid needs"),
                Arguments.of("simulcast undeclared rid", HEAD + AUDIO + "a=rid:q send\r\na=simulcast:send q;h\r\n", 5,
                        "rid 'h' without an a=rid line"),
                Arguments.of("simulcast bad direction", HEAD + AUDIO + "a=simulcast:both q\r\n", 7, "simulcast direction"),
                Arguments.of("simulcast empty rid", HEAD + AUDIO + "a=rid:q send\r\na=simulcast:send q;;\r\n", 8, "invalid rid ''"),
                Arguments.of("candidate too short", HEAD + AUDIO + "a=candidate:1 1 udp 1 1.2.3.4 5\r\n", 7, "candidate needs"),
                Arguments.of("candidate bad port", HEAD + AUDIO + "a=candidate:1 1 udp 1 1.2.3.4 70000 typ host\r\n", 7,
                        "candidate port 70000 out of range"),
                Arguments.of("candidate bad priority", HEAD + AUDIO + "a=candidate:1 1 udp p 1.2.3.4 5 typ host\r\n", 7,
                        "candidate priority is not a number"),
                Arguments.of("b= not numeric", HEAD + "b=AS:lots\r\n", 5, "bandwidth is not a number"),
                Arguments.of("two c= lines", HEAD + AUDIO + "c=IN IP4 1.2.3.4\r\nc=IN IP4 1.2.3.4\r\n", 8, "more than one c="),
                Arguments.of("c= too few fields", HEAD + "c=IN IP4\r\n", 5, "c= line needs 3 fields"),
                Arguments.of("v= in media", HEAD + AUDIO + "v=0\r\n", 7, "not allowed in an m-section"),
                Arguments.of("attribute without name", HEAD + "a=:x\r\n", 5, "invalid attribute name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void rejected(String what, String sdp, int line, String problem) {
        assertThatThrownBy(() -> SdpParser.parse(sdp))
                .isInstanceOf(SdpParseException.class)
                .hasMessageContaining(problem)
                .satisfies(e -> assertThat(((SdpParseException) e).lineNumber()).isEqualTo(line))
                .satisfies(e -> assertThat(e.getMessage()).startsWith(line > 0 ? "SDP line " + line + ":" : "SDP:"));
    }

    @Test
    void oversizedInputRejected() {
        String big = HEAD + ("a=x-pad:" + "p".repeat(100) + "\r\n").repeat(700);
        assertThatThrownBy(() -> SdpParser.parse(big)).isInstanceOf(SdpParseException.class)
                .hasMessageContaining("longer than 65536");
    }

    @Test
    void tooManyMediaSectionsRejected() {
        StringBuilder sb = new StringBuilder(HEAD);
        for (int i = 0; i <= SdpParser.MAX_MEDIA; i++) {
            sb.append("m=audio 9 RTP/AVP 0\r\n");
        }
        assertThatThrownBy(() -> SdpParser.parse(sb.toString())).isInstanceOf(SdpParseException.class)
                .hasMessageContaining("more than 200 m-sections");
    }

    @Test
    void tooManyLinesRejected() {
        String many = HEAD + "a=x\r\n".repeat(SdpParser.MAX_LINES);
        assertThatThrownBy(() -> SdpParser.parse(many)).isInstanceOf(SdpParseException.class)
                .hasMessageContaining("more than 5000 lines");
    }

    @Test
    void nullRejected() {
        assertThatThrownBy(() -> SdpParser.parse(null)).isInstanceOf(SdpParseException.class);
    }
}
