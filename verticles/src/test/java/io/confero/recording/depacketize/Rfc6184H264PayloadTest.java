package io.confero.recording.depacketize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 6184 §5.6 single NAL unit, §5.7.1 STAP-A and §5.8 FU-A, written as Annex B. */
class Rfc6184H264PayloadTest {
  static OrderedPacket pkt(long seq, boolean marker, String hex) {
    return new OrderedPacket(seq, 3000, marker, HexFormat.of().parseHex(hex), 0);
  }

  static String annexB(List<OrderedPacket> packets) {
    VideoFrame f = H264Format.INSTANCE.assemble(packets);
    return f == null ? null : HexFormat.of().formatHex(f.data());
  }

  @Test
  void singleNalUnitPacket() {
    // §5.6: the payload is the NAL unit itself (type 1, non-IDR slice)
    assertThat(annexB(List.of(pkt(1, true, "41e0aa")))).isEqualTo("00000001" + "41e0aa");
  }

  @Test
  void stapAWithSpsPpsThenAnIdrSlice() {
    // §5.7.1 Figure 7: STAP-A NAL header (type 24), then 16-bit size + NAL unit, twice
    String stap = "78" + "0003" + "674200" + "0002" + "68ce";
    VideoFrame f = H264Format.INSTANCE.assemble(List.of(pkt(1, false, stap), pkt(2, true, "6588aa")));
    assertThat(HexFormat.of().formatHex(f.data()))
        .isEqualTo("00000001674200" + "0000000168ce" + "000000016588aa");
    assertThat(f.keyframe()).isTrue();
  }

  @Test
  void fuAFragmentsAreJoinedWithTheReconstructedHeader() {
    // §5.8: FU indicator (F NRI, type 28) + FU header (S E R, type 5): 7c 85 | 7c 05 | 7c 45
    List<OrderedPacket> fu = List.of(pkt(1, false, "7c85" + "0102"), pkt(2, false, "7c05" + "0304"),
        pkt(3, true, "7c45" + "05"));
    assertThat(annexB(fu)).isEqualTo("00000001" + "65" + "0102030405");
    assertThat(H264Format.INSTANCE.startsFrame(fu.get(0).payload())).isTrue();
    assertThat(H264Format.INSTANCE.startsFrame(fu.get(1).payload())).isFalse();
  }

  @Test
  void malformedPayloadsMakeNoFrame() {
    assertThat(annexB(List.of(pkt(1, true, "7c05" + "01")))).as("FU-A without a start").isNull();
    assertThat(annexB(List.of(pkt(1, true, "7c85" + "01")))).as("FU-A without an end").isNull();
    assertThat(annexB(List.of(pkt(1, true, "78" + "0009" + "67")))).as("STAP-A size past the end").isNull();
    assertThat(annexB(List.of(pkt(1, true, "7d00")))).as("FU-B (type 29) is not mode 1").isNull();
  }
}
