package io.confero.sfu.bwe;

import io.confero.media.rtcp.RtcpTwcc;
import io.confero.sfu.forward.TwccRecorder;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A synthetic path for estimator tests: a sender that sends at whatever the estimator allows (as the
 * allocator would make it), a bottleneck queue of a given capacity with drop-tail at 300 ms and
 * optional random loss, a fixed propagation delay, and a receiver running the SFU's real
 * {@link TwccRecorder} that sends feedback every 100 ms. Deterministic for a given seed.
 */
final class LinkSimulator {
    static final int PACKET_BYTES = 1200;
    private static final long TICK_MICROS = 5_000;
    private static final long FEEDBACK_INTERVAL_MICROS = 100_000;
    private static final long PROPAGATION_MICROS = 20_000;
    private static final long MAX_QUEUE_MICROS = 300_000;

    private record InFlight(int seq, long arrivalMicros) {
    }

    private final SendSideBwe bwe;
    private final TwccRecorder receiver = new TwccRecorder(2, 1);
    private final Random random;
    private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
    private final List<Long> estimates = new ArrayList<>();
    private long now;
    private long queueFreeAt;
    private double allowanceBytes;
    private int seq;
    private long nextFeedback = FEEDBACK_INTERVAL_MICROS;
    long capacityBps;
    double lossRate;
    /** What the application has to send (a paused video sends little); the estimate limits it further. */
    long appLimitBps = Long.MAX_VALUE;
    /** Probes upward toward {@link #wantedBps} when set, as the SFU's downlink does. */
    ProbeController prober;
    long wantedBps;
    int probeClusters;
    private ProbeCluster cluster;
    private long clusterStart;
    private int clusterSent;

    LinkSimulator(SendSideBwe bwe, long capacityBps, long seed) {
        this.bwe = bwe;
        this.capacityBps = capacityBps;
        this.random = new Random(seed);
    }

    /** Runs for {@code micros}; returns the estimate at the end. */
    long run(long micros) {
        long end = now + micros;
        while (now < end) {
            now += TICK_MICROS;
            send();
            if (now >= nextFeedback) {
                nextFeedback += FEEDBACK_INTERVAL_MICROS;
                deliverFeedback();
            }
        }
        return bwe.estimateBps();
    }

    /** The estimate after every feedback so far. */
    List<Long> estimates() {
        return estimates;
    }

    private void send() {
        sendDueProbes();
        long rate = Math.min(bwe.estimateBps(), appLimitBps);
        allowanceBytes = Math.min(allowanceBytes + rate * TICK_MICROS / 8e6, 10 * PACKET_BYTES);
        while (allowanceBytes >= PACKET_BYTES) {
            allowanceBytes -= PACKET_BYTES;
            seq = (seq + 1) & 0xFFFF;
            bwe.onPacketSent(seq, PACKET_BYTES, now);
            enqueue(seq, PACKET_BYTES, now);
        }
        ProbeCluster c = cluster == null && prober != null ? prober.process(bwe.estimateBps(), wantedBps, now) : null;
        if (c != null) {
            probeClusters++;
            bwe.onProbeStarted(c, now);
            cluster = c;
            clusterStart = now;
            clusterSent = 0;
        }
    }

    /** The current cluster's packets due by now, each at its own send time (a pacer's). */
    private void sendDueProbes() {
        while (cluster != null && clusterStart + cluster.offsetMicros(clusterSent) <= now) {
            long at = clusterStart + cluster.offsetMicros(clusterSent);
            seq = (seq + 1) & 0xFFFF;
            bwe.onProbeSent(seq, cluster.packetBytes(), at, cluster);
            enqueue(seq, cluster.packetBytes(), at);
            if (++clusterSent == cluster.packets()) {
                cluster = null;
            }
        }
    }

    private void enqueue(int packetSeq, int bytes, long sentAt) {
        long start = Math.max(sentAt, queueFreeAt);
        if (start - sentAt > MAX_QUEUE_MICROS || random.nextDouble() < lossRate) {
            return;
        }
        queueFreeAt = start + bytes * 8_000_000L / capacityBps;
        inFlight.add(new InFlight(packetSeq, queueFreeAt + PROPAGATION_MICROS));
    }

    private void deliverFeedback() {
        while (!inFlight.isEmpty() && inFlight.peek().arrivalMicros() <= now) {
            InFlight p = inFlight.poll();
            receiver.record(p.seq(), p.arrivalMicros());
        }
        for (RtcpTwcc fb = receiver.buildFeedback(); fb != null; fb = receiver.buildFeedback()) {
            estimates.add(bwe.onFeedback(fb, now + PROPAGATION_MICROS));
            if (prober != null && bwe.lastProbe() != null) {
                prober.onResult(bwe.lastProbe().clusterId(), bwe.lastProbe().bps(), now + PROPAGATION_MICROS);
            }
        }
    }
}
