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
        allowanceBytes = Math.min(allowanceBytes + bwe.estimateBps() * TICK_MICROS / 8e6, 10 * PACKET_BYTES);
        while (allowanceBytes >= PACKET_BYTES) {
            allowanceBytes -= PACKET_BYTES;
            seq = (seq + 1) & 0xFFFF;
            bwe.onPacketSent(seq, PACKET_BYTES, now);
            long start = Math.max(now, queueFreeAt);
            if (start - now > MAX_QUEUE_MICROS || random.nextDouble() < lossRate) {
                continue;
            }
            queueFreeAt = start + PACKET_BYTES * 8_000_000L / capacityBps;
            inFlight.add(new InFlight(seq, queueFreeAt + PROPAGATION_MICROS));
        }
    }

    private void deliverFeedback() {
        while (!inFlight.isEmpty() && inFlight.peek().arrivalMicros() <= now) {
            InFlight p = inFlight.poll();
            receiver.record(p.seq(), p.arrivalMicros());
        }
        for (RtcpTwcc fb = receiver.buildFeedback(); fb != null; fb = receiver.buildFeedback()) {
            estimates.add(bwe.onFeedback(fb, now + PROPAGATION_MICROS));
        }
    }
}
