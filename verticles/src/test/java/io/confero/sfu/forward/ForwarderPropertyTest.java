package io.confero.sfu.forward;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.media.rtp.Hex;
import io.confero.media.rtp.RtpPacket;
import io.confero.media.rtp.SeqNum;
import io.confero.media.rtp.TimestampNum;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * Random streams from three sources with loss, reordering, wrap, switches and pauses: the output
 * always has one SSRC, distinct sequence numbers, per-segment offsets that preserve the source's
 * seq/ts spacing, +1 sequence at every switch, and (video) a keyframe first.
 */
class ForwarderPropertyTest {
    static final int OUT = 77;
    static final int[] SOURCES = {1, 2, 3};

    @Property(tries = 300)
    void outputStreamIsContinuous(@ForAll long seed) {
        Random r = new Random(seed);
        boolean video = r.nextBoolean();
        Forwarder f = new Forwarder(OUT, 90000, video, r.nextInt(65536), r.nextLong() & 0xFFFFFFFFL);
        int[] seq = {r.nextInt(65536), r.nextInt(65536), r.nextInt(65536)};
        long[] ts = {r.nextLong() & 0xFFFFFFFFL, r.nextLong() & 0xFFFFFFFFL, r.nextLong() & 0xFFFFFFFFL};
        Set<Integer> outSeqs = new HashSet<>();
        long now = 0;
        boolean any = false;
        int maxOut = 0;
        long maxOutTs = 0;
        int segSrcSeq = 0;
        long segSrcTs = 0;
        int segOutSeq = 0;
        long segOutTs = 0;
        f.switchTo(SOURCES[0]);
        for (int step = 0; step < 1500; step++) {
            int roll = r.nextInt(100);
            if (roll < 2) {
                f.switchTo(SOURCES[r.nextInt(3)]);
                continue;
            }
            if (roll < 3) {
                f.pause();
                f.switchTo(SOURCES[r.nextInt(3)]);
                continue;
            }
            int s = r.nextInt(3);
            now += r.nextInt(5_000_000);
            int gap = r.nextInt(10) == 0 ? 2 : 1;
            seq[s] = (seq[s] + gap) & 0xFFFF;
            ts[s] = (ts[s] + 1500L * gap) & 0xFFFFFFFFL;
            boolean key = r.nextInt(8) == 0;
            ForwardDecision d = f.decide(SOURCES[s], seq[s], ts[s], r.nextBoolean(), key, now);
            if (!d.isForward()) {
                continue;
            }
            assertThat(d.ssrc()).isEqualTo(OUT);
            assertThat(outSeqs.add(d.sequenceNumber())).as("out seq reused").isTrue();
            if (d.sourceSwitched()) {
                if (video) {
                    assertThat(key).isTrue();
                }
                if (any) {
                    assertThat(d.sequenceNumber()).isEqualTo((maxOut + 1) & 0xFFFF);
                    assertThat(TimestampNum.diff(d.timestamp(), maxOutTs)).isPositive();
                }
                segSrcSeq = seq[s];
                segSrcTs = ts[s];
                segOutSeq = d.sequenceNumber();
                segOutTs = d.timestamp();
            } else {
                assertThat(SeqNum.diff(d.sequenceNumber(), segOutSeq)).isEqualTo(SeqNum.diff(seq[s], segSrcSeq));
                assertThat(TimestampNum.diff(d.timestamp(), segOutTs)).isEqualTo(TimestampNum.diff(ts[s], segSrcTs));
            }
            if (!any || SeqNum.isNewer(d.sequenceNumber(), maxOut)) {
                maxOut = d.sequenceNumber();
                maxOutTs = d.timestamp();
            }
            any = true;
        }
    }

    @Test
    void decisionIsAppliedToThePacketInPlace() {
        byte[] b = Hex.bytes("80 60 0005 00000010 00000001 aa");
        Forwarder f = new Forwarder(OUT, 48000, false, 40000, 99);
        f.switchTo(1);
        RtpPacket p = RtpPacket.parse(b, 0, b.length);
        ForwardDecision d = f.decide(p.ssrc(), p.sequenceNumber(), p.timestamp(), true, false, 0);
        d.applyTo(p);
        assertThat(b).isEqualTo(Hex.bytes("80 e0 9c40 00000063 0000004d aa"));
        ForwardDecision drop = f.decide(9, 1, 1, false, false, 0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> drop.applyTo(p))
            .isInstanceOf(IllegalStateException.class);
    }
}
