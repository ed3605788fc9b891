package io.confero.sfu.bwe;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link ProbeCluster} measured (the role of libwebrtc's {@code ProbeBitrateEstimator}):
 * once the feedback acknowledged {@value #MIN_RECEIVED_SHARE} of a cluster's packets, the rate it
 * was sent at (bytes over the send interval, the last packet's excluded) and the rate it arrived at
 * (bytes over the arrival interval, the first packet's excluded). Arriving clearly slower than sent
 * ({@value #SATURATED_RATIO} ×) means the path is saturated: the result is
 * {@value #TARGET_UTILIZATION} × the arrival rate; otherwise the lower of the two. Unlike libwebrtc,
 * arrivals bunched tighter than sent (a receiver reading its socket late, as a CPU-starved browser
 * does) count as the send rate rather than as no result: the path did carry the train at that rate.
 * A cluster whose packets never arrive is forgotten after {@value #CLUSTER_TTL_MICROS} µs.
 * Single-threaded; times in µs.
 */
public final class ProbeBitrateEstimator {
    static final double MIN_RECEIVED_SHARE = 0.8;
    static final double SATURATED_RATIO = 0.9;
    static final double TARGET_UTILIZATION = 0.95;
    static final long MAX_INTERVAL_MICROS = 1_000_000;
    static final long CLUSTER_TTL_MICROS = 2_000_000;

    /** A cluster's measured rate, bits per second; {@link #INVALID} when its timing made no sense. */
    public record Result(int clusterId, long bps) {
        public static final long INVALID = -1;
    }

    private static final class Train {
        final ProbeCluster cluster;
        final long startedMicros;
        int received;
        long bytes;
        long firstSend = Long.MAX_VALUE;
        long lastSend = Long.MIN_VALUE;
        int lastSendSize;
        long firstArrival = Long.MAX_VALUE;
        long lastArrival = Long.MIN_VALUE;
        int firstArrivalSize;

        Train(ProbeCluster cluster, long startedMicros) {
            this.cluster = cluster;
            this.startedMicros = startedMicros;
        }

        void add(PacketResult r) {
            received++;
            bytes += r.sizeBytes();
            if (r.sendMicros() < firstSend) {
                firstSend = r.sendMicros();
            }
            if (r.sendMicros() >= lastSend) {
                lastSend = r.sendMicros();
                lastSendSize = r.sizeBytes();
            }
            if (r.arrivalMicros() < firstArrival) {
                firstArrival = r.arrivalMicros();
                firstArrivalSize = r.sizeBytes();
            }
            lastArrival = Math.max(lastArrival, r.arrivalMicros());
        }

        boolean complete() {
            return received >= Math.max(2, Math.ceil(cluster.packets() * MIN_RECEIVED_SHARE));
        }
    }

    private final Map<Integer, Train> trains = new HashMap<>();

    /** A cluster's first packet is about to leave. */
    public void onClusterStarted(ProbeCluster cluster, long nowMicros) {
        trains.put(cluster.id(), new Train(cluster, nowMicros));
    }

    /** Counts a feedback's probe packets; the result of a cluster it completed, or null. */
    public Result onResults(List<PacketResult> results, long nowMicros) {
        trains.values().removeIf(t -> nowMicros - t.startedMicros > CLUSTER_TTL_MICROS);
        Result out = null;
        for (PacketResult r : results) {
            Train t = r.received() && r.probeCluster() != PacketResult.NO_PROBE ? trains.get(r.probeCluster()) : null;
            if (t == null) {
                continue;
            }
            t.add(r);
            if (t.complete()) {
                trains.remove(r.probeCluster());
                out = new Result(t.cluster.id(), measure(t));
            }
        }
        return out;
    }

    private static long measure(Train t) {
        long sendInterval = t.lastSend - t.firstSend;
        long arrivalInterval = t.lastArrival - t.firstArrival;
        if (sendInterval <= 0 || sendInterval > MAX_INTERVAL_MICROS || arrivalInterval > MAX_INTERVAL_MICROS) {
            return Result.INVALID;
        }
        double sendBps = (t.bytes - t.lastSendSize) * 8e6 / sendInterval;
        if (arrivalInterval <= 0) {
            return (long) sendBps;
        }
        double arrivalBps = (t.bytes - t.firstArrivalSize) * 8e6 / arrivalInterval;
        if (arrivalBps < SATURATED_RATIO * sendBps) {
            return (long) (TARGET_UTILIZATION * arrivalBps);
        }
        return (long) Math.min(sendBps, arrivalBps);
    }
}
