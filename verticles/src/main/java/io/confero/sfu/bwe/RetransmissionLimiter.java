package io.confero.sfu.bwe;

/**
 * Decides whether to answer one NACKed packet of one outgoing stream: never the same packet more
 * than {@code maxRetransmits} times, not again while an earlier resend may still be in flight (one
 * RTT, as mediasoup's {@code RtpStreamSend} does), not when it can no longer arrive before the
 * receiver plays past it, and only within the subscriber's {@link RtxBudget}. "In time" follows the
 * seed's rule: retransmission helps only while the RTT stays under 0.6 × the receiver's jitter-buffer
 * depth, and a packet is useless once its age plus half an RTT exceeds that depth. Tracks the last
 * {@value #WINDOW} sequence numbers. Single-threaded; times in µs on the caller's clock.
 */
public final class RetransmissionLimiter {
    static final int WINDOW = 1 << 10;
    private static final double RTT_SHARE_OF_BUFFER = 0.6;

    /** The answer for one NACKed packet. */
    public enum Verdict {
        SEND,
        /** Already resent {@code maxRetransmits} times. */
        TOO_MANY,
        /** It would arrive after the receiver has played past it, or the RTT is too long for any resend to help. */
        TOO_LATE,
        /** Resent less than an RTT ago; that copy may still arrive. */
        TOO_SOON,
        /** The subscriber's retransmission budget is spent. */
        OVER_BUDGET
    }

    private final int maxRetransmits;
    private final long jitterBufferMicros;
    private final int[] seqs = new int[WINDOW];
    private final int[] counts = new int[WINDOW];
    private final long[] lastResend = new long[WINDOW];

    /**
     * @param maxRetransmits how often one packet may be resent at most (at least 1)
     * @param jitterBufferMicros the receiver's jitter-buffer depth (how long a packet is still useful)
     */
    public RetransmissionLimiter(int maxRetransmits, long jitterBufferMicros) {
        if (maxRetransmits < 1 || jitterBufferMicros <= 0) {
            throw new IllegalArgumentException("need maxRetransmits >= 1 and a positive jitter buffer");
        }
        this.maxRetransmits = maxRetransmits;
        this.jitterBufferMicros = jitterBufferMicros;
        java.util.Arrays.fill(seqs, -1);
    }

    /**
     * @param seq the NACKed sequence number (as the subscriber saw it)
     * @param firstSentMicros when the packet was first sent to the subscriber
     * @param bytes what the retransmission would put on the wire
     * @param rttMicros the current round-trip time to the subscriber
     */
    public Verdict decide(int seq, long firstSentMicros, int bytes, long rttMicros, long nowMicros, RtxBudget budget) {
        int s = seq & 0xFFFF;
        int slot = s & (WINDOW - 1);
        if (seqs[slot] != s) {
            seqs[slot] = s;
            counts[slot] = 0;
            lastResend[slot] = Long.MIN_VALUE;
        }
        long rtt = Math.max(rttMicros, 0);
        if (counts[slot] >= maxRetransmits) {
            return Verdict.TOO_MANY;
        }
        if (rtt >= RTT_SHARE_OF_BUFFER * jitterBufferMicros || nowMicros - firstSentMicros + rtt / 2 > jitterBufferMicros) {
            return Verdict.TOO_LATE;
        }
        if (lastResend[slot] != Long.MIN_VALUE && nowMicros - lastResend[slot] < rtt) {
            return Verdict.TOO_SOON;
        }
        if (!budget.tryConsume(bytes, nowMicros)) {
            return Verdict.OVER_BUDGET;
        }
        counts[slot]++;
        lastResend[slot] = nowMicros;
        return Verdict.SEND;
    }
}
