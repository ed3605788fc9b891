package io.confero.recording.depacketize;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.recording.format.TrackCodec;
import io.confero.recording.format.TrackRecord;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Arbitrary payloads, sequence numbers and timestamps: no exception escapes any depacketizer. */
class DepacketizerFuzzTest {
  @Property(tries = 300)
  void anyPacketsDepacketizeOrYieldNothing(@ForAll("packets") List<TrackRecord> records, @ForAll("codecs") TrackCodec codec) {
    Depacketized d = TrackDepacketizer.depacketize(codec, 7, records);
    if (d != null) {
      assertThat(d.bytes()).isNotEmpty();
      assertThat(d.units()).isPositive();
    }
  }

  @Property(tries = 200)
  void damagedRealPacketsNeverThrow(@ForAll("damage") List<Integer> flips) throws Exception {
    List<TrackRecord> real = new ArrayList<>(RtpFixtures.read("vp8-camera.00000.cfrt").subList(0, 60));
    for (int i = 0; i + 1 < flips.size(); i += 2) {
      int k = Math.floorMod(flips.get(i), real.size());
      if (real.get(k) instanceof TrackRecord.Rtp r) {
        byte[] p = r.packet().clone();
        p[Math.floorMod(flips.get(i + 1), p.length)] ^= (byte) flips.get(i + 1).intValue();
        real.set(k, new TrackRecord.Rtp(r.atMicros(), p));
      }
    }
    TrackDepacketizer.depacketize(TrackCodec.VP8, RtpFixtures.VIDEO_SSRC, real);
    TrackDepacketizer.depacketize(TrackCodec.H264, RtpFixtures.VIDEO_SSRC, real);
    TrackDepacketizer.depacketize(TrackCodec.OPUS, RtpFixtures.VIDEO_SSRC, real);
  }

  @Provide
  Arbitrary<TrackCodec> codecs() {
    return Arbitraries.of(TrackCodec.OPUS, TrackCodec.VP8, TrackCodec.H264);
  }

  @Provide
  Arbitrary<List<Integer>> damage() {
    return Arbitraries.integers().list().ofMaxSize(20);
  }

  @Provide
  Arbitrary<List<TrackRecord>> packets() {
    Arbitrary<byte[]> payload = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(40);
    Arbitrary<Integer> seq = Arbitraries.integers().between(0, 0xFFFF);
    Arbitrary<Long> ts = Arbitraries.longs().between(0, 0xFFFFFFFFL);
    return net.jqwik.api.Combinators.combine(payload, seq, ts, Arbitraries.of(true, false))
        .as((p, s, t, m) -> (TrackRecord) new TrackRecord.Rtp(0, RtpFixtures.rtp(96, m, s, t, 7, p)))
        .list().ofMaxSize(30);
  }
}
