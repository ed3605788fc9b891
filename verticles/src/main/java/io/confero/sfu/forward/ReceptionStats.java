package io.confero.sfu.forward;

import io.confero.media.rtcp.ReportBlock;
import io.confero.media.rtp.SeqNum;

/**
 * What we received from one remote RTP source, as the reception report block we send back
 * (RFC 3550 §6.4.1): extended highest sequence number (Appendix A.1), cumulative and fractional
 * loss (A.3), interarrival jitter (A.8) and LSR/DLSR from the source's last sender report, which
 * lets the sender measure the round-trip time. Pure and single-threaded: arrival times are passed
 * in, in nanoseconds of any monotonic clock.
 */
public final class ReceptionStats {
    private static final int MAX_LOST = (1 << 23) - 1;
    private static final int MIN_LOST = -(1 << 23);

    private final int ssrc;
    private final int clockRate;
    private boolean started;
    private long baseExt;
    private long highestExt;
    private long received;
    private long expectedPrior;
    private long receivedPrior;
    private boolean hasTransit;
    private long lastTransit;
    private double jitter;
    private boolean hasSr;
    private long lastSr;
    private long lastSrArrivalNanos;

    /**
     * @param ssrc the source's SSRC, written into the report block
     * @param clockRate its RTP clock rate, for jitter in timestamp units
     */
    public ReceptionStats(int ssrc, int clockRate) {
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clockRate " + clockRate);
        }
        this.ssrc = ssrc;
        this.clockRate = clockRate;
    }

    public int ssrc() { return ssrc; }

    /** Whether any packet arrived, i.e. whether there is something to report. */
    public boolean hasReceived() { return started; }

    /** Counts one received RTP packet (sequence number, RTP timestamp, arrival time). */
    public void onPacket(int seq, long rtpTimestamp, long arrivalNanos) {
        if (!started) {
            started = true;
            baseExt = seq & 0xFFFF;
            highestExt = baseExt;
        } else {
            long ext = highestExt + SeqNum.diff(seq, (int) (highestExt & 0xFFFF));
            if (ext > highestExt) {
                highestExt = ext;
            } else if (ext < baseExt) {
                baseExt = ext;
            }
        }
        received++;
        long arrival = Math.floorDiv(arrivalNanos, 1000L) * clockRate / 1_000_000L;
        long transit = arrival - (rtpTimestamp & 0xFFFFFFFFL);
        if (hasTransit) {
            long d = (int) (transit - lastTransit);
            jitter += (Math.abs(d) - jitter) / 16.0;
        }
        lastTransit = transit;
        hasTransit = true;
    }

    /** Notes the source's sender report (its 64-bit NTP time) for LSR/DLSR. */
    public void onSenderReport(long ntpTimestamp, long arrivalNanos) {
        hasSr = true;
        lastSr = (ntpTimestamp >>> 16) & 0xFFFFFFFFL;
        lastSrArrivalNanos = arrivalNanos;
    }

    /** The report block for now; starts a new interval for the fraction lost. */
    public ReportBlock report(long nowNanos) {
        long expected = started ? highestExt - baseExt + 1 : 0;
        long lost = Math.max(MIN_LOST, Math.min(MAX_LOST, expected - received));
        long expectedInterval = expected - expectedPrior;
        long lostInterval = expectedInterval - (received - receivedPrior);
        expectedPrior = expected;
        receivedPrior = received;
        int fraction = expectedInterval <= 0 || lostInterval <= 0 ? 0
            : (int) Math.min(255, (lostInterval << 8) / expectedInterval);
        long dlsr = hasSr ? Math.max(0, nowNanos - lastSrArrivalNanos) * 65_536L / 1_000_000_000L : 0;
        return new ReportBlock(ssrc, fraction, (int) lost, highestExt, (long) jitter, hasSr ? lastSr : 0, dlsr);
    }
}
