package io.confero.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** RFC 3550 §5.1 padding-only packets with the RFC 8285 §4.2 transport-cc element, as bandwidth probes. */
class Rfc3550PaddingPacketTest {

    static final byte[] PROBE = Hex.bytes("""
        b0 61 0009 00000010 22222222   # V=2 P=1 X=1, PT=97 seq 9 ssrc 0x22222222
        bede 0001 31 00 00 00          # transport-cc at id 3, 2 octets, left 0; one octet to the word
        00 00 00 04                    # four padding octets, the last counting them
        """);

    @Test
    void writesAHandComputedLayout() {
        byte[] dst = new byte[64];
        int n = PaddingPacket.write(dst, 5, 0x22222222, 97, 9, 0x10, 3, 4);
        assertThat(n).isEqualTo(PROBE.length).isEqualTo(PaddingPacket.length(4));
        assertThat(Arrays.copyOfRange(dst, 5, 5 + n)).isEqualTo(PROBE);
    }

    @ParameterizedTest(name = "seq {0}, {1} padding octets")
    @CsvSource({"0, 1", "1, 255", "32767, 100", "32768, 2", "65534, 200", "65535, 255"})
    void parsesBackAsPaddingOnlyWithAStampableSequence(int seq, int padding) {
        byte[] dst = new byte[PaddingPacket.length(255)];
        int n = PaddingPacket.write(dst, 0, 0xcafebabe, 97, seq, 0xfffffffeL, 14, padding);
        RtpPacket p = RtpPacket.parse(dst, 0, n);
        assertThat(p).isNotNull();
        assertThat(p.sequenceNumber()).isEqualTo(seq);
        assertThat(p.payloadType()).isEqualTo(97);
        assertThat(p.ssrc()).isEqualTo(0xcafebabe);
        assertThat(p.timestamp()).isEqualTo(0xfffffffeL);
        assertThat(p.payloadLength()).isZero();
        assertThat(p.paddingLength()).isEqualTo(padding);
        assertThat(RtpExtensions.setTransportSequence(p, 14, seq ^ 0xFFFF)).isTrue();
        assertThat(RtpExtensions.transportSequence(p, 14)).isEqualTo(seq ^ 0xFFFF);
    }

    @Test
    void refusesWhatCannotBeWritten() {
        byte[] dst = new byte[300];
        assertThatThrownBy(() -> PaddingPacket.write(dst, 0, 1, 97, 0, 0, 15, 10))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PaddingPacket.write(dst, 0, 1, 97, 0, 0, 3, 256))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PaddingPacket.write(dst, 0, 1, 97, 0, 0, 3, 0))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PaddingPacket.write(new byte[20], 0, 1, 97, 0, 0, 3, 10))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
