package io.confero.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 8285 §4.2 one-byte and §4.3 two-byte header extensions with WebRTC's typed elements. */
class Rfc8285HeaderExtensionTest {

    static final byte[] ONE_BYTE = Hex.bytes("""
        90 60 0001 00000001 00000002
        bede 0004
        10 30                # id 1 (sdes:mid) len 1: "0"
        23 68 69 67 68       # id 2 (rtp-stream-id) len 4: "high"
        30 d5                # id 3 (ssrc-audio-level) V=1 level 85
        42 12 34 56          # id 4 (abs-send-time) 0x123456
        51 ab cd             # id 5 (transport-cc) seq 0xabcd
        ff                   # payload
        """);

    static final byte[] TWO_BYTE = Hex.bytes("""
        90 60 0001 00000001 00000002
        1000 0004
        01 01 30             # id 1 len 1 "0"
        00                   # padding
        0a 03 6c 6f 77       # id 10 (rtp-stream-id) len 3 "low"
        0b 00                # id 11 (repaired-rtp-stream-id) empty
        20 02 ab cd          # id 32 (transport-cc) 0xabcd
        00                   # padding
        ff
        """);

    private static RtpPacket parse(byte[] b) {
        return RtpPacket.parse(b, 0, b.length);
    }

    @Test
    void oneByteFormReadsEveryTypedElement() {
        RtpPacket p = parse(ONE_BYTE.clone());
        assertThat(RtpExtensions.isOneByte(p)).isTrue();
        assertThat(RtpExtensions.mid(p, 1)).isEqualTo("0");
        assertThat(RtpExtensions.rtpStreamId(p, 2)).isEqualTo("high");
        assertThat(RtpExtensions.audioLevel(p, 3)).isEqualTo(85);
        assertThat(RtpExtensions.voiceActivity(p, 3)).isTrue();
        assertThat(RtpExtensions.absSendTime(p, 4)).isEqualTo(0x123456);
        assertThat(RtpExtensions.transportSequence(p, 5)).isEqualTo(0xabcd);
        assertThat(RtpExtensions.find(p, 6)).isEqualTo(-1);
        assertThat(RtpExtensions.mid(p, 6)).isNull();
        assertThat(RtpExtensions.audioLevel(p, 6)).isEqualTo(-1);
        assertThat(RtpExtensions.voiceActivity(p, 6)).isFalse();
        assertThat(p.payloadLength()).isEqualTo(1);
    }

    @Test
    void twoByteFormReadsElementsAboveFourteenAndEmptyValues() {
        RtpPacket p = parse(TWO_BYTE.clone());
        assertThat(RtpExtensions.isTwoByte(p)).isTrue();
        assertThat(RtpExtensions.mid(p, 1)).isEqualTo("0");
        assertThat(RtpExtensions.rtpStreamId(p, 10)).isEqualTo("low");
        assertThat(RtpExtensions.repairedRtpStreamId(p, 11)).isEmpty();
        assertThat(RtpExtensions.transportSequence(p, 32)).isEqualTo(0xabcd);
        assertThat(RtpExtensions.transportSequence(p, 11)).isEqualTo(-1);
    }

    @ParameterizedTest(name = "seq {0}")
    @CsvSource({"0", "1", "32767", "32768", "65534", "65535"})
    void transportSequenceIsRewrittenInPlace(int seq) {
        for (byte[] vector : new byte[][] {ONE_BYTE, TWO_BYTE}) {
            byte[] b = vector.clone();
            RtpPacket p = parse(b);
            int id = RtpExtensions.isOneByte(p) ? 5 : 32;
            assertThat(RtpExtensions.setTransportSequence(p, id, seq)).isTrue();
            assertThat(RtpExtensions.transportSequence(parse(b), id)).isEqualTo(seq);
            b[RtpExtensions.find(p, id)] = vector[RtpExtensions.find(p, id)];
            b[RtpExtensions.find(p, id) + 1] = vector[RtpExtensions.find(p, id) + 1];
            assertThat(b).isEqualTo(vector);
        }
    }

    @Test
    void renameMovesAnElementToAnotherIdKeepingItsValue() {
        byte[] one = ONE_BYTE.clone();
        RtpPacket p = parse(one);
        assertThat(RtpExtensions.rename(p, 5, 7)).isTrue();
        assertThat(RtpExtensions.transportSequence(parse(one), 7)).isEqualTo(0xabcd);
        assertThat(RtpExtensions.find(parse(one), 5)).isEqualTo(-1);
        assertThat(one[RtpExtensions.find(p, 7) - 1]).isEqualTo((byte) 0x71);
        assertThat(RtpExtensions.rename(p, 7, 15)).as("15 is not an element id in the one-byte form").isFalse();
        assertThat(RtpExtensions.rename(p, 9, 3)).as("no element 9").isFalse();
        byte[] two = TWO_BYTE.clone();
        RtpPacket q = parse(two);
        assertThat(RtpExtensions.rename(q, 32, 200)).isTrue();
        assertThat(RtpExtensions.transportSequence(parse(two), 200)).isEqualTo(0xabcd);
        assertThat(RtpExtensions.rename(q, 200, 256)).isFalse();
    }

    @Test
    void setTransportSequenceFailsWhenElementMissing() {
        RtpPacket p = parse(ONE_BYTE.clone());
        assertThat(RtpExtensions.setTransportSequence(p, 9, 7)).isFalse();
        byte[] noExt = Hex.bytes("8060000100000001000000aa");
        assertThat(RtpExtensions.setTransportSequence(parse(noExt), 5, 7)).isFalse();
        assertThat(RtpExtensions.find(parse(noExt), 5)).isEqualTo(-1);
    }

    @Test
    void oneByteIdFifteenStopsProcessing() {
        byte[] b = Hex.bytes("9060000100000001000000aa bede0001 f0 10 30 00");
        assertThat(RtpExtensions.mid(parse(b), 1)).isNull();
    }

    @Test
    void overrunningElementIsNotFound() {
        byte[] one = Hex.bytes("9060000100000001000000aa bede0001 1f 30 30 30");
        assertThat(RtpExtensions.find(parse(one), 1)).isEqualTo(-1);
        byte[] two = Hex.bytes("9060000100000001000000aa 10000001 01 09 30 30");
        assertThat(RtpExtensions.find(parse(two), 1)).isEqualTo(-1);
    }

    @Test
    void unknownProfileHasNoElements() {
        byte[] b = Hex.bytes("9060000100000001000000aa abcd0001 10 30 00 00");
        RtpPacket p = parse(b);
        assertThat(RtpExtensions.isOneByte(p)).isFalse();
        assertThat(RtpExtensions.isTwoByte(p)).isFalse();
        assertThat(RtpExtensions.find(p, 1)).isEqualTo(-1);
    }

    @Test
    void audioLevelWithoutVoiceActivity() {
        byte[] b = Hex.bytes("9060000100000001000000aa bede0001 30 7f 00 00");
        RtpPacket p = parse(b);
        assertThat(RtpExtensions.audioLevel(p, 3)).isEqualTo(127);
        assertThat(RtpExtensions.voiceActivity(p, 3)).isFalse();
    }
}
