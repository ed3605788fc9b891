package io.confero.sfu.forward;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Random streams with loss, bursts, reordering, duplicates, jumps and the 16-bit wrap: the
 * missing list stays bounded, a packet that arrived is never requested afterwards, one collect
 * never names a packet twice, and no packet is requested more than maxSends times.
 */
class NackGeneratorPropertyTest {
    static final int CAPACITY = 64;
    static final int MAX_SENDS = 3;

    @Property(tries = 200)
    void requestsOnlyWhatIsMissingAndStaysBounded(@ForAll long seed) {
        Random r = new Random(seed);
        NackGenerator g = new NackGenerator(CAPACITY, 20, MAX_SENDS, 500);
        int next = r.nextInt(65536);
        long now = 0;
        Set<Integer> arrived = new HashSet<>();
        Map<Integer, Integer> requests = new HashMap<>();
        int[] held = new int[8];
        int heldCount = 0;
        int[] out = new int[1 + r.nextInt(40)];
        for (int step = 0; step < 3000; step++) {
            now += r.nextInt(12);
            int roll = r.nextInt(100);
            int seq = next;
            next = (next + 1) & 0xFFFF;
            if (roll < 8) {
                continue; // lost
            } else if (roll < 10) {
                next = (next + r.nextInt(100)) & 0xFFFF; // burst or jump
                continue;
            } else if (roll < 15 && heldCount < held.length) {
                held[heldCount++] = seq; // delivered later
                continue;
            }
            arrive(g, seq, now, arrived);
            if (roll < 25 && heldCount > 0) {
                arrive(g, held[--heldCount], now, arrived);
            }
            if (roll < 28) {
                arrive(g, seq, now, arrived); // duplicate
            }
            if (r.nextInt(4) == 0) {
                int n = g.collect(now, out);
                assertThat(n).isBetween(0, out.length);
                Set<Integer> once = new HashSet<>();
                for (int i = 0; i < n; i++) {
                    assertThat(arrived).as("requested after arrival").doesNotContain(out[i]);
                    assertThat(once.add(out[i])).as("named twice in one NACK").isTrue();
                    assertThat(requests.merge(out[i], 1, Integer::sum)).isLessThanOrEqualTo(MAX_SENDS);
                }
            }
            assertThat(g.missingCount()).isBetween(0, CAPACITY);
        }
    }

    private static void arrive(NackGenerator g, int seq, long now, Set<Integer> arrived) {
        g.onPacket(seq, now);
        arrived.add(seq);
        assertThat(g.isMissing(seq)).isFalse();
    }
}
