package io.confero.media.rtcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Any valid status/delta sequence survives write → parse unchanged (all chunk kinds, wrap of base). */
class TwccRoundTripPropertyTest {

    @Property(tries = 500)
    void writeThenParseIsIdentity(@ForAll @IntRange(min = 1, max = 400) int count, @ForAll long seed,
                                  @ForAll @IntRange(max = 65535) int base) throws Exception {
        Random r = new Random(seed);
        byte[] symbols = new byte[count];
        int[] deltas = new int[count];
        int k = 0;
        boolean runs = r.nextBoolean();
        for (int i = 0; i < count; i++) {
            int s = runs && i > 0 && r.nextInt(10) < 8 ? symbols[i - 1] : r.nextInt(3);
            symbols[i] = (byte) s;
            if (s == RtcpTwcc.SMALL_DELTA) {
                deltas[k++] = r.nextInt(256);
            } else if (s == RtcpTwcc.LARGE_DELTA) {
                deltas[k++] = r.nextInt(65536) - 32768;
            }
        }
        RtcpTwcc t = new RtcpTwcc(r.nextInt(), r.nextInt(), base, r.nextInt(1 << 24), r.nextInt(256), symbols,
            java.util.Arrays.copyOf(deltas, k));
        byte[] out = t.toBytes();
        assertThat(out.length % 4).isZero();
        assertThat(RtcpTwcc.parse(out, 0, out.length)).isEqualTo(t);
        RtcpCompound c = new RtcpCompound(out, 0, out.length);
        assertThat(c.next()).isTrue();
        assertThat(List.of(c.packetType(), c.count(), c.packetLength())).containsExactly(205, 15, out.length);
    }
}
