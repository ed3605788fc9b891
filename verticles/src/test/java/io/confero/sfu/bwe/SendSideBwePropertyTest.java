package io.confero.sfu.bwe;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.media.rtcp.RtcpTwcc;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * Whatever the feedback (random statuses and deltas, reordering, wrap, clocks running backwards,
 * random sizes, probe clusters of any shape), the estimate stays within the configured bounds: never
 * negative, never unbounded.
 */
class SendSideBwePropertyTest {
    private static final BweConfig CONFIG = new BweConfig(30_000, 800_000, 15_000_000);

    @Property(tries = 200)
    void estimateStaysWithinBoundsForArbitraryFeedback(@ForAll long seed) {
        Random r = new Random(seed);
        SendSideBwe bwe = new SendSideBwe(CONFIG);
        int seq = r.nextInt(65536);
        long now = r.nextInt(1_000_000);
        for (int step = 0; step < 300; step++) {
            now += r.nextInt(4) == 0 ? -r.nextInt(50_000) : r.nextInt(200_000);
            int sent = r.nextInt(60);
            ProbeCluster probe = r.nextInt(3) == 0 ? new ProbeCluster(r.nextInt(4), 1 + r.nextInt(50_000_000),
                1 + r.nextInt(40), 1 + r.nextInt(1500)) : null;
            if (probe != null) {
                bwe.onProbeStarted(probe, now);
            }
            for (int i = 0; i < sent; i++) {
                seq = (seq + 1) & 0xFFFF;
                if (probe != null && r.nextBoolean()) {
                    bwe.onProbeSent(seq, r.nextInt(1500), now + i * r.nextInt(3000), probe);
                } else {
                    bwe.onPacketSent(seq, r.nextInt(1500), now + i * r.nextInt(3000));
                }
            }
            bwe.onRtt(r.nextInt(3) == 0 ? -1 : r.nextInt(2_000_000));
            long e = bwe.onFeedback(randomFeedback(r, seq), now);
            assertThat(e).isBetween(CONFIG.minBps(), CONFIG.maxBps());
            assertThat(bwe.estimateBps()).isEqualTo(e);
        }
    }

    @Property(tries = 30)
    void estimateStaysWithinBoundsOnAnyLink(@ForAll @LongRange(min = 10_000, max = 100_000_000) long capacityBps,
                                           @ForAll long seed) {
        SendSideBwe bwe = new SendSideBwe(CONFIG);
        LinkSimulator sim = new LinkSimulator(bwe, capacityBps, seed);
        Random r = new Random(seed);
        sim.lossRate = r.nextDouble() * 0.5;
        if (r.nextBoolean()) {
            sim.prober = new ProbeController(1 + r.nextInt(100), 100 + r.nextInt(1400));
            sim.wantedBps = r.nextInt(200_000_000);
            sim.appLimitBps = r.nextInt(5_000_000);
        }
        sim.run(8_000_000);
        assertThat(sim.estimates()).allSatisfy(e -> assertThat(e).isBetween(CONFIG.minBps(), CONFIG.maxBps()));
    }

    private static RtcpTwcc randomFeedback(Random r, int highestSent) {
        int count = 1 + r.nextInt(120);
        int base = (highestSent - r.nextInt(200) + (r.nextInt(10) == 0 ? r.nextInt(65536) : 0)) & 0xFFFF;
        byte[] symbols = new byte[count];
        int[] deltas = new int[count];
        int k = 0;
        for (int i = 0; i < count; i++) {
            symbols[i] = (byte) r.nextInt(4);
            if (symbols[i] == RtcpTwcc.SMALL_DELTA) {
                deltas[k++] = r.nextInt(256);
            } else if (symbols[i] == RtcpTwcc.LARGE_DELTA) {
                deltas[k++] = r.nextInt(65536) - 32768;
            }
        }
        return new RtcpTwcc(2, 1, base, r.nextInt(1 << 24), r.nextInt(256), symbols, java.util.Arrays.copyOf(deltas, k));
    }
}
