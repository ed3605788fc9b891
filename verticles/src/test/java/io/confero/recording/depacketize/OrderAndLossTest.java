package io.confero.recording.depacketize;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.recording.format.TrackRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrderAndLossTest {
  static TrackRecord rtp(int seq, long ts, boolean marker, byte[] payload) {
    return new TrackRecord.Rtp(seq, RtpFixtures.rtp(96, marker, seq, ts, 7, payload));
  }

  @ParameterizedTest(name = "first sequence number {0}")
  @ValueSource(ints = {0, 1, 32767, 32768, 65534, 65535})
  void reorderedPacketsAcrossAnyWrapComeOutInOrder(int first) {
    List<TrackRecord> arrived = new ArrayList<>();
    int[] order = {0, 2, 1, 3, 5, 4, 4};
    for (int k : order) {
      arrived.add(rtp((first + k) & 0xFFFF, 4_294_967_000L + k, false, new byte[] {(byte) k}));
    }
    RtpOrder.Result r = RtpOrder.order(arrived, 7);
    assertThat(r.packets()).extracting(p -> (int) p.payload()[0]).containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(r.packets()).extracting(OrderedPacket::seq).isSorted();
    assertThat(r.duplicates()).isEqualTo(1);
  }

  @Test
  void otherSsrcsAndNonRtpAreCountedInvalid() {
    List<TrackRecord> in = List.of(new TrackRecord.Rtp(0, new byte[] {1, 2, 3}),
        new TrackRecord.Rtp(0, RtpFixtures.rtp(96, true, 1, 0, 8, new byte[] {1})));
    assertThat(RtpOrder.order(in, 7).invalid()).isEqualTo(2);
  }

  @Test
  void aLossDropsFramesUntilTheNextKeyframe() {
    byte[] key = {0x10, 0x50, 0x10, 0x00, (byte) 0x9d, 0x01, 0x2a, 0x10, 0, 0x10, 0};
    byte[] delta = {0x10, 0x31, 0x00};
    List<TrackRecord> in = new ArrayList<>();
    in.add(rtp(1, 0, true, key));
    in.add(rtp(2, 3000, true, delta));
    // seq 3 (frame at 6000) lost
    in.add(rtp(4, 9000, true, delta));
    in.add(rtp(5, 12000, true, key));
    in.add(rtp(6, 15000, true, delta));
    FrameAssembler.Result r = FrameAssembler.assemble(RtpOrder.order(in, 7).packets(), Vp8Format.INSTANCE);
    assertThat(r.frames()).extracting(VideoFrame::timestamp).containsExactly(0L, 3000L, 12000L, 15000L);
    assertThat(r.droppedFrames()).isEqualTo(1);
  }

  @Test
  void aFrameMissingItsMiddleIsDropped() {
    byte[] start = {0x10, 0x50, 0x10, 0x00, (byte) 0x9d, 0x01, 0x2a, 0x10, 0, 0x10, 0};
    List<TrackRecord> in = List.of(rtp(1, 0, false, start), rtp(3, 0, true, new byte[] {0x00, 1}),
        rtp(4, 3000, true, start));
    FrameAssembler.Result r = FrameAssembler.assemble(RtpOrder.order(in, 7).packets(), Vp8Format.INSTANCE);
    assertThat(r.frames()).extracting(VideoFrame::timestamp).containsExactly(3000L);
  }

  @Test
  void opusTocDurations() {
    // RFC 6716 §3.1 Table 2: config 1 SILK NB 20 ms; 15 hybrid FB 20 ms; 16 CELT NB 2.5 ms; 31 CELT FB 20 ms
    assertThat(OpusToc.samples(new byte[] {(byte) (1 << 3)})).isEqualTo(960);
    assertThat(OpusToc.samples(new byte[] {(byte) (15 << 3)})).isEqualTo(960);
    assertThat(OpusToc.samples(new byte[] {(byte) (16 << 3)})).isEqualTo(120);
    assertThat(OpusToc.samples(new byte[] {(byte) (31 << 3 | 1), 0})).as("code 1: two frames").isEqualTo(1920);
    assertThat(OpusToc.samples(new byte[] {(byte) (3 << 3 | 3), 3})).as("code 3: 3 x 60 ms > 120 ms").isEqualTo(-1);
    assertThat(OpusToc.samples(new byte[] {(byte) (31 << 3 | 3), 6})).as("code 3: 6 x 20 ms").isEqualTo(5760);
  }
}
