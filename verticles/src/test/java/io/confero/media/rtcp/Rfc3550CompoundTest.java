package io.confero.media.rtcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.confero.media.rtp.Hex;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 3550 §6.1 compound packets: walk, dispatch by type, strict bounds. */
class Rfc3550CompoundTest {

    @Test
    void walksEveryPacketOfACompound() throws Exception {
        byte[] b = Vectors.compound(Vectors.SR, Vectors.SDES, Vectors.NACK, Vectors.PLI, Vectors.REMB,
            Vectors.TWCC_PION_4);
        byte[] shifted = new byte[b.length + 3];
        System.arraycopy(b, 0, shifted, 3, b.length);
        RtcpCompound c = new RtcpCompound(shifted, 3, b.length);
        List<String> seen = new ArrayList<>();
        while (c.next()) {
            seen.add(c.packetType() + "/" + c.count() + "@" + (c.packetOffset() - 3) + "+" + c.packetLength());
            if (c.packetType() == RtcpHeader.RTPFB && c.count() == RtcpNack.FMT) {
                assertThat(RtcpNack.parse(shifted, c.packetOffset(), c.packetLength()).fcis()).hasSize(2);
            }
            if (c.packetType() == RtcpHeader.RTPFB && c.count() == RtcpTwcc.FMT) {
                assertThat(RtcpTwcc.parse(shifted, c.packetOffset(), c.packetLength()).packetStatusCount()).isEqualTo(7);
            }
        }
        assertThat(seen).containsExactly("200/1@0+52", "202/1@52+16", "205/1@68+20", "206/1@88+12",
            "206/15@100+32", "205/15@132+32");
        assertThat(c.next()).isFalse();
    }

    @Test
    void writesCompoundFromPackets() throws Exception {
        RtcpSr sr = RtcpSr.parse(Vectors.SR, 0, Vectors.SR.length);
        RtcpSdes sdes = RtcpSdes.parse(Vectors.SDES, 0, Vectors.SDES.length);
        byte[] out = new byte[RtcpCompound.encodedLength(sr, sdes) + 2];
        assertThat(RtcpCompound.write(out, 2, sr, sdes)).isEqualTo(68);
        assertThat(java.util.Arrays.copyOfRange(out, 2, out.length)).isEqualTo(Vectors.compound(Vectors.SR, Vectors.SDES));
        assertThatThrownBy(() -> RtcpCompound.write(new byte[60], 0, sr, sdes)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsersAcceptTheRestOfTheCompoundAsLength() throws Exception {
        byte[] b = Vectors.compound(Vectors.PLI, Vectors.SR);
        assertThat(RtcpPli.parse(b, 0, b.length)).isEqualTo(new RtcpPli(0x11223344, 0x55667788));
        assertThat(RtcpSr.parse(b, 12, b.length - 12).ssrc()).isEqualTo(0x902f9e2e);
    }

    @Test
    void lengthOverrunIsRejected() {
        byte[] b = Vectors.compound(Vectors.SR, Vectors.PLI);
        RtcpCompound c = new RtcpCompound(b, 0, b.length - 1);
        assertThatThrownBy(() -> {
            while (c.next()) {
                c.packetType();
            }
        }).isInstanceOf(RtcpException.class);
    }

    @Test
    void trailingBytesAndBadVersionAreRejected() throws Exception {
        byte[] trailing = Vectors.compound(Vectors.PLI, Hex.bytes("8100"));
        RtcpCompound c = new RtcpCompound(trailing, 0, trailing.length);
        assertThat(c.next()).isTrue();
        assertThatThrownBy(c::next).isInstanceOf(RtcpException.class);
        byte[] v1 = Hex.bytes("41ce0002 11223344 55667788");
        assertThatThrownBy(() -> new RtcpCompound(v1, 0, v1.length).next()).isInstanceOf(RtcpException.class);
        assertThatThrownBy(() -> RtcpPli.parse(v1, 0, v1.length)).isInstanceOf(RtcpException.class);
    }

    @Test
    void emptyCompoundHasNoPackets() throws Exception {
        RtcpCompound c = new RtcpCompound(new byte[0], 0, 0);
        assertThat(c.next()).isFalse();
        assertThatThrownBy(c::packetType).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void badPaddingCountIsRejected() {
        byte[] b = Hex.bytes("a1ce0002 11223344 556677ff");
        assertThatThrownBy(() -> new RtcpCompound(b, 0, b.length).next()).isInstanceOf(RtcpException.class);
    }
}
