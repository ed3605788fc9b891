package io.confero.sfu.cascade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.confero.media.rtp.Hex;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The link packet format: a pinned byte vector, the RFC 4588 retransmission, wrap and rejection cases. */
class LinkPacketTest {
  /** An original VP8 packet: V=2, M=1, PT 96, seq 0x1234, ts 0x0A0B0C0D, SSRC 0xCAFEBABE, 3 payload bytes. */
  static final byte[] ORIGINAL = Hex.bytes("80e01234" + "0a0b0c0d" + "cafebabe" + "102030");

  /** The link media packet of stream 7, link seq 0xFFFF, encoding 2, keyframe, no level. */
  static final byte[] MEDIA = Hex.bytes(
      "80e4ffff" // V=2, M copied from the original, PT 100, link seq 65535
      + "0a0b0c0d" // the original's timestamp
      + "00000007" // stream id 7
      + "01020100" // version 1, encoding 2, flags keyframe, level 0
      + "80e01234" + "0a0b0c0d" + "cafebabe" + "102030"); // the original, untouched

  @Test
  void writesTheMediaVector() {
    byte[] dst = new byte[64];
    int n = LinkPacket.writeMedia(dst, 0, 7, 0xFFFF, 2, true, -1, ORIGINAL, 0, ORIGINAL.length);
    assertThat(Hex.of(Arrays.copyOf(dst, n))).isEqualTo(Hex.of(MEDIA));
  }

  @Test
  void parsesTheMediaVector() throws LinkPacketException {
    LinkPacket p = LinkPacket.parse(MEDIA, 0, MEDIA.length);
    assertThat(p).isEqualTo(new LinkPacket(7, 0xFFFF, false, 2, true, -1, 16, ORIGINAL.length));
    assertThat(Arrays.copyOfRange(MEDIA, p.innerOffset(), p.innerOffset() + p.innerLength())).isEqualTo(ORIGINAL);
  }

  @Test
  void retransmissionCarriesTheOriginalSequenceNumber() throws LinkPacketException {
    byte[] rtx = new byte[64];
    int n = LinkPacket.writeRtx(rtx, 3, 0, MEDIA, 0, MEDIA.length);
    assertThat(Hex.of(Arrays.copyOfRange(rtx, 3, 3 + 16))).isEqualTo(
        "80e50000" + "0a0b0c0d" + "80000007" + "ffff0102"); // PT 101, rtx seq 0, SSRC with bit 31, OSN 65535
    LinkPacket p = LinkPacket.parse(rtx, 3, n);
    assertThat(p).isEqualTo(new LinkPacket(7, 0xFFFF, true, 2, true, -1, 3 + 18, ORIGINAL.length));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 32767, 32768, 65534, 65535})
  void linkSequenceNumbersWrap(int seq) throws LinkPacketException {
    byte[] dst = new byte[64];
    int n = LinkPacket.writeMedia(dst, 0, 1, seq, 0, false, 127, ORIGINAL, 0, ORIGINAL.length);
    LinkPacket p = LinkPacket.parse(dst, 0, n);
    assertThat(p.linkSeq()).isEqualTo(seq);
    assertThat(p.audioLevel()).isEqualTo(127);
    byte[] rtx = new byte[64];
    int r = LinkPacket.writeRtx(rtx, 0, seq ^ 0xFFFF, dst, 0, n);
    assertThat(LinkPacket.parse(rtx, 0, r).linkSeq()).isEqualTo(seq);
  }

  @Test
  void rejectsWhatIsNotALinkPacket() {
    assertThatThrownBy(() -> LinkPacket.parse(ORIGINAL, 0, ORIGINAL.length)).isInstanceOf(LinkPacketException.class);
    byte[] wrongPt = MEDIA.clone();
    wrongPt[1] = (byte) 0xE0;
    assertThatThrownBy(() -> LinkPacket.parse(wrongPt, 0, wrongPt.length)).hasMessageContaining("payload type");
    byte[] rtxBitOnMedia = MEDIA.clone();
    rtxBitOnMedia[8] = (byte) 0x80;
    assertThatThrownBy(() -> LinkPacket.parse(rtxBitOnMedia, 0, rtxBitOnMedia.length)).hasMessageContaining("disagree");
    byte[] version = MEDIA.clone();
    version[12] = 2;
    assertThatThrownBy(() -> LinkPacket.parse(version, 0, version.length)).hasMessageContaining("version");
    assertThatThrownBy(() -> LinkPacket.parse(MEDIA, 0, MEDIA.length + 1)).hasMessageContaining("bounds");
  }

  @Test
  void refusesToWriteWhatItCouldNotParse() {
    assertThatThrownBy(() -> LinkPacket.writeMedia(new byte[64], 0, -1, 0, 0, false, -1, ORIGINAL, 0, 15))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LinkPacket.writeMedia(new byte[64], 0, 1, 0, 16, false, -1, ORIGINAL, 0, 15))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
