package io.confero.recording.depacketize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** RFC 7741 §4.2 payload descriptor forms and §4.3 frame start / keyframe rules. */
class Rfc7741Vp8PayloadTest {
  @ParameterizedTest(name = "{2}")
  @CsvSource({
      // hex payload, descriptor length, case
      "10ff, 1, 'X=0: one byte'",
      "90807fff, 3, 'X=1 I=1 M=0: 7-bit PictureID'",
      "908081ffff, 4, 'X=1 I=1 M=1: 15-bit PictureID'",
      "90c0812a05ff, 5, 'X=1 I=1 M=1 L=1: PictureID and TL0PICIDX'",
      "90f0812a0520ff, 6, 'X=1 I L T: PictureID, TL0PICIDX, TID/Y/KEYIDX'",
      "9010a0ff, 3, 'X=1 K=1 only: TID/Y/KEYIDX byte'",
      "90, -1, 'X=1 cut short'",
      "9080, -1, 'extension promised, nothing after'",
  })
  void descriptorLength(String hex, int length, String what) {
    assertThat(Vp8Format.descriptorLength(HexFormat.of().parseHex(hex))).isEqualTo(length);
  }

  @Test
  void aFrameStartsAtSEqualsOneAndPartitionZero() {
    assertThat(Vp8Format.INSTANCE.startsFrame(HexFormat.of().parseHex("10ff"))).isTrue();
    assertThat(Vp8Format.INSTANCE.startsFrame(HexFormat.of().parseHex("11ff"))).as("PID=1").isFalse();
    assertThat(Vp8Format.INSTANCE.startsFrame(HexFormat.of().parseHex("00ff"))).as("S=0").isFalse();
  }

  @Test
  void descriptorsAreStrippedAndTheKeyframeBitRead() {
    // keyframe: frame tag with P=0 (bit 0 of the first byte), start code 9d 01 2a, 160x120
    byte[] key1 = HexFormat.of().parseHex("908081" + "02" + "5010009d012a");
    byte[] key2 = HexFormat.of().parseHex("80808102" + "a0007800aabb");
    VideoFrame f = Vp8Format.INSTANCE.assemble(List.of(new OrderedPacket(1, 90, false, key1, 5),
        new OrderedPacket(2, 90, true, key2, 6)));
    assertThat(HexFormat.of().formatHex(f.data())).isEqualTo("5010009d012aa0007800aabb");
    assertThat(f.keyframe()).isTrue();
    assertThat(Vp8Format.keyframeSize(f.data())).containsExactly(160, 120);
    byte[] delta = HexFormat.of().parseHex("10" + "31aa");
    assertThat(Vp8Format.INSTANCE.assemble(List.of(new OrderedPacket(3, 180, true, delta, 7))).keyframe()).isFalse();
  }
}
