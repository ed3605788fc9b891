package io.confero.sfu.cascade;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Fuzz: LinkPacket.parse throws nothing but LinkPacketException, and what it accepts lies inside the datagram. */
class LinkPacketFuzzTest {

  @Property(tries = 3000)
  void randomBytes(@ForAll @Size(max = 120) byte[] bytes, @ForAll @IntRange(max = 8) int off) {
    int o = Math.min(off, bytes.length);
    exercise(bytes, o, bytes.length - o);
  }

  @Property(tries = 3000)
  void mutatedPackets(@ForAll("mutated") byte[] bytes) {
    exercise(bytes, 0, bytes.length);
  }

  @Property(tries = 1000)
  void writtenPacketsRoundTrip(@ForAll @IntRange(max = Integer.MAX_VALUE) int stream,
      @ForAll @IntRange(max = 65535) int seq, @ForAll @IntRange(max = 15) int encoding,
      @ForAll @IntRange(min = -1, max = 127) int level, @ForAll boolean keyframe,
      @ForAll @Size(min = 12, max = 200) byte[] original) throws LinkPacketException {
    original[0] = (byte) (0x80 | (original[0] & 0x3F));
    byte[] dst = new byte[original.length + 40];
    int n = LinkPacket.writeMedia(dst, 0, stream, seq, encoding, keyframe, level, original, 0, original.length);
    LinkPacket p = LinkPacket.parse(dst, 0, n);
    assertThat(p).isEqualTo(new LinkPacket(stream, seq, false, encoding, keyframe, level, 16, original.length));
    byte[] rtx = new byte[n + 2];
    int r = LinkPacket.writeRtx(rtx, 0, seq + 1, dst, 0, n);
    assertThat(LinkPacket.parse(rtx, 0, r)).isEqualTo(new LinkPacket(stream, seq, true, encoding, keyframe, level,
        18, original.length));
  }

  @Provide
  Arbitrary<byte[]> mutated() {
    return Arbitraries.integers().between(0, LinkPacketTest.MEDIA.length - 1).tuple3()
        .flatMap(t -> Arbitraries.bytes().tuple2().map(v -> {
          byte[] b = LinkPacketTest.MEDIA.clone();
          b[t.get1()] = v.get1();
          b[t.get2()] ^= v.get2();
          return java.util.Arrays.copyOf(b, Math.max(t.get3(), 1));
        }));
  }

  private static void exercise(byte[] bytes, int off, int len) {
    try {
      LinkPacket p = LinkPacket.parse(bytes, off, len);
      assertThat(p.innerOffset()).isGreaterThanOrEqualTo(off);
      assertThat(p.innerOffset() + p.innerLength()).isEqualTo(off + len);
      assertThat(p.innerLength()).isGreaterThanOrEqualTo(12);
      assertThat(p.streamId()).isNotNegative();
    } catch (LinkPacketException expected) {
      // the parser's own error: a counted drop
    }
  }
}
