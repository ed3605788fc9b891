package io.confero.recording.depacketize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gaps in an Opus track: filled as far as the arrival times confirm them, never further. */
class OpusGapTest {
  private static final byte[] FRAME_20MS = {(byte) 0x78, 1, 2, 3}; // config 15 (CELT FB 20 ms), code 0

  private static List<OggOpusWriter.Packet> packets(long jumpSamples, long jumpMicros) {
    List<OggOpusWriter.Packet> out = new ArrayList<>();
    long ts = 0;
    long at = 0;
    for (int i = 0; i < 10; i++) {
      out.add(new OggOpusWriter.Packet(ts, at, FRAME_20MS));
      ts += 960;
      at += 20_000;
    }
    ts += jumpSamples;
    at += jumpMicros;
    for (int i = 0; i < 10; i++) {
      out.add(new OggOpusWriter.Packet(ts, at, FRAME_20MS));
      ts += 960;
      at += 20_000;
    }
    return out;
  }

  @Test
  void aPauseTheWallClockConfirmsIsConcealedToTheSample() {
    OggOpusWriter.Result r = OggOpusWriter.write(1, 2, 0, packets(30 * 48_000L, 30_000_000L));
    assertThat(r.concealed()).isEqualTo(30 * 50);
    assertThat(r.discontinuities()).isZero();
    assertThat(r.samples()).isEqualTo(20 * 960 + 30 * 48_000L);
  }

  @Test
  void aTimestampJumpWithoutTheTimeBehindItIsCutToTheTimeThatPassed() {
    OggOpusWriter.Result r = OggOpusWriter.write(1, 2, 0, packets(0x7FFF_0000L, 0));
    assertThat(r.discontinuities()).isEqualTo(1);
    assertThat(r.concealed()).isZero();
    assertThat(r.samples()).isEqualTo(20 * 960);
    assertThat(r.bytes().length).isLessThan(4_000);
  }

  @Test
  void jitterWithinTheSlackIsStillConcealed() {
    OggOpusWriter.Result r = OggOpusWriter.write(1, 2, 0, packets(48_000L, 0));
    assertThat(r.discontinuities()).isZero();
    assertThat(r.concealed()).isEqualTo(50);
  }
}
