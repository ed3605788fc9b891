package io.confero.sfu.bwe;

import io.confero.media.rtcp.RtcpTwcc;

import java.util.List;

/**
 * Send-side bandwidth estimate toward one subscriber (GoogCC, draft-ietf-rmcat-gcc-02, as libwebrtc
 * runs it): the caller reports every packet it stamps with a transport-wide sequence number and
 * every transport-cc feedback the subscriber sends; the estimate is the lower of the delay-based
 * rate ({@link InterArrival} → {@link TrendlineEstimator} → {@link OveruseDetector} →
 * {@link AimdRateControl}) and the loss-based one ({@link LossBasedController}), always within the
 * {@link BweConfig} bounds. A probe cluster's measured rate ({@link ProbeBitrateEstimator}) raises
 * both unless the delay detector sees overuse. Single-threaded; times in µs on the caller's clock.
 */
public final class SendSideBwe {
    /** Round-trip time assumed until the caller reports one. */
    public static final long DEFAULT_RTT_MICROS = 100_000;

    private final BweConfig config;
    private final SendHistory history = new SendHistory();
    private final InterArrival interArrival = new InterArrival();
    private final TrendlineEstimator trendline = new TrendlineEstimator();
    private final OveruseDetector detector = new OveruseDetector();
    private final AckedBitrateEstimator acked = new AckedBitrateEstimator();
    private final ProbeBitrateEstimator probes = new ProbeBitrateEstimator();
    private final AimdRateControl aimd;
    private final LossBasedController loss;
    private long rttMicros = DEFAULT_RTT_MICROS;
    private long estimateBps;
    private ProbeBitrateEstimator.Result lastProbe;

    public SendSideBwe(BweConfig config) {
        this.config = config;
        this.aimd = new AimdRateControl(config);
        this.loss = new LossBasedController(config);
        this.estimateBps = config.startBps();
    }

    /** A packet stamped with transport-wide sequence number {@code seq} left toward the subscriber now. */
    public void onPacketSent(int seq, int sizeBytes, long nowMicros) {
        history.onSent(seq, sizeBytes, nowMicros);
    }

    /** A packet of probe cluster {@code cluster} (announced with {@link #onProbeStarted}) left now. */
    public void onProbeSent(int seq, int sizeBytes, long nowMicros, ProbeCluster cluster) {
        history.onSent(seq, sizeBytes, nowMicros, cluster.id());
    }

    /** A probe cluster is about to be sent: its packets' feedback will be measured together. */
    public void onProbeStarted(ProbeCluster cluster, long nowMicros) {
        probes.onClusterStarted(cluster, nowMicros);
    }

    /** The latest round-trip time to the subscriber (from RTCP receiver reports). */
    public void onRtt(long rttMicros) {
        if (rttMicros > 0) {
            this.rttMicros = rttMicros;
        }
    }

    /** Applies one transport-cc feedback from the subscriber; returns the new estimate. */
    public long onFeedback(RtcpTwcc feedback, long nowMicros) {
        List<PacketResult> results = history.onFeedback(feedback);
        lastProbe = null;
        if (results.isEmpty()) {
            return estimateBps;
        }
        int lost = 0;
        InterArrival.Delta lastDelta = null;
        for (PacketResult r : results) {
            if (!r.received()) {
                lost++;
                continue;
            }
            acked.onAcked(r.arrivalMicros(), r.sizeBytes());
            InterArrival.Delta d = interArrival.onPacket(r.sendMicros(), r.arrivalMicros(), r.sizeBytes());
            if (d != null) {
                detector.detect(trendline.update(d), d.sendDeltaMicros(), nowMicros);
                lastDelta = d;
            }
        }
        long delayBased = lastDelta == null ? aimd.rateBps()
            : aimd.update(detector.state(), acked.bitrateBps(), rttMicros, nowMicros);
        lastProbe = probes.onResults(results, nowMicros);
        if (lastProbe != null && lastProbe.bps() > 0 && detector.state() != BandwidthUsage.OVERUSING) {
            delayBased = aimd.raiseTo(lastProbe.bps());
            loss.raiseTo(lastProbe.bps());
        }
        estimateBps = config.clamp(loss.update(results.size(), lost, delayBased, rttMicros, nowMicros));
        return estimateBps;
    }

    /** What the last feedback measured of a probe cluster it completed, or null. */
    public ProbeBitrateEstimator.Result lastProbe() {
        return lastProbe;
    }

    /** The current estimate in bits per second, within the configured bounds. */
    public long estimateBps() {
        return estimateBps;
    }

    /** The delay-based detector's latest verdict. */
    public BandwidthUsage usage() {
        return detector.state();
    }

    /** The loss fraction of the last complete span of feedback. */
    public double lossFraction() {
        return loss.lossFraction();
    }

    /** The acknowledged bitrate, -1 while unknown. */
    public long ackedBitrateBps() {
        return acked.bitrateBps();
    }
}
