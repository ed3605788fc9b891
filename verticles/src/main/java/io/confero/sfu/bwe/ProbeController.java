package io.confero.sfu.bwe;

/**
 * When to probe a subscriber's downlink upward and at which rate (the role of libwebrtc's
 * {@code ProbeController} and Jitsi Videobridge's {@code BandwidthProbing}): whenever the allocation
 * wants more than the estimate (a paused or reduced video, a cap that lifted), a {@link ProbeCluster}
 * at {@value #STEP} × the estimate, never above {@value #GOAL} × what is wanted (room for the
 * allocation's hysteresis). A probe that measured at least {@value #SUCCESS} × its target is followed
 * at once by the next, from the raised estimate (libwebrtc's further probing), so a few round trips
 * take the estimate from a paused video's 60 kbit/s to a top layer's 2 Mbit/s. A probe that measured
 * less, or nothing within {@value #RESULT_TIMEOUT_MICROS} µs, means the path is full: the next waits
 * {@value #FIRST_BACKOFF_MICROS} µs, doubling up to {@value #MAX_BACKOFF_MICROS} µs, so a capped link
 * sees a 25 ms train at twice its estimate every few seconds. One cluster at a time. Single-threaded;
 * times in µs on the caller's clock.
 */
public final class ProbeController {
    static final double STEP = 2.0;
    static final double GOAL = 1.25;
    static final double SUCCESS = 0.7;
    static final long RESULT_TIMEOUT_MICROS = 1_000_000;
    static final long FIRST_BACKOFF_MICROS = 1_000_000;
    static final long MAX_BACKOFF_MICROS = 4_000_000;
    /** The smallest probe worth sending: below it padding costs more than it tells. */
    static final long MIN_TARGET_BPS = 100_000;

    private final int minPacketBytes;
    private final int maxPacketBytes;
    private int nextId;
    private ProbeCluster inFlight;
    private long inFlightSince;
    private long notBefore = Long.MIN_VALUE;
    private long backoffMicros = FIRST_BACKOFF_MICROS;

    /** @param minPacketBytes the smallest and {@code maxPacketBytes} the largest probe packet the caller can send */
    public ProbeController(int minPacketBytes, int maxPacketBytes) {
        if (minPacketBytes < 1 || maxPacketBytes < minPacketBytes) {
            throw new IllegalArgumentException("probe packets of " + minPacketBytes + " to " + maxPacketBytes + " bytes");
        }
        this.minPacketBytes = minPacketBytes;
        this.maxPacketBytes = maxPacketBytes;
    }

    /**
     * Called periodically: the cluster to send now, or null.
     *
     * @param wantedBps what the subscriber's tracks would use at the layers they want
     */
    public ProbeCluster process(long estimateBps, long wantedBps, long nowMicros) {
        if (inFlight != null) {
            if (nowMicros - inFlightSince < RESULT_TIMEOUT_MICROS) {
                return null;
            }
            failed(nowMicros);
        }
        long goal = (long) (Math.max(wantedBps, 0) * GOAL);
        if (estimateBps >= goal) {
            backoffMicros = FIRST_BACKOFF_MICROS;
            return null;
        }
        if (nowMicros < notBefore) {
            return null;
        }
        long target = Math.max(MIN_TARGET_BPS, Math.min(goal, (long) (Math.max(estimateBps, 0) * STEP)));
        inFlight = ProbeCluster.of(nextId, target, minPacketBytes, maxPacketBytes);
        nextId = (nextId + 1) & 0x7FFF_FFFF;
        inFlightSince = nowMicros;
        return inFlight;
    }

    /** The estimator measured cluster {@code clusterId} at {@code bps} ({@link ProbeBitrateEstimator.Result#INVALID}: nothing usable). */
    public void onResult(int clusterId, long bps, long nowMicros) {
        if (inFlight == null || inFlight.id() != clusterId) {
            return;
        }
        if (bps >= SUCCESS * inFlight.targetBps()) {
            inFlight = null;
            backoffMicros = FIRST_BACKOFF_MICROS;
            notBefore = nowMicros;
        } else {
            failed(nowMicros);
        }
    }

    /** The cluster sent and not yet measured, or null. */
    public ProbeCluster inFlight() {
        return inFlight;
    }

    private void failed(long nowMicros) {
        inFlight = null;
        notBefore = nowMicros + backoffMicros;
        backoffMicros = Math.min(backoffMicros * 2, MAX_BACKOFF_MICROS);
    }
}
