package io.confero.sfu.forward;

/**
 * Limits keyframe requests (PLI, RFC 4585 §6.3.1, or FIR, RFC 5104 §4.3.1) sent upstream to one
 * source: at most one per {@code minIntervalMillis}, however many subscribers ask. A request that
 * comes while throttled is not lost: it is kept and {@link #duePending} says when to send it (a
 * subscriber whose transport connected just after another's request would otherwise wait for a
 * retry; mediasoup's KeyFrameRequestManager delays such requests alike). Also keeps the FIR command
 * sequence number (RFC 5104 §4.3.1.2: incremented per new request). Time is passed in.
 */
public final class KeyframeRequestThrottle {
    /** Default spacing between requests for one source. */
    public static final long DEFAULT_INTERVAL_MILLIS = 300;

    private final long minIntervalMillis;
    private boolean sentAny;
    private boolean pending;
    private long lastSentMillis;
    private int firSeq = -1;

    public KeyframeRequestThrottle(long minIntervalMillis) {
        if (minIntervalMillis < 0) {
            throw new IllegalArgumentException("interval " + minIntervalMillis);
        }
        this.minIntervalMillis = minIntervalMillis;
    }

    public KeyframeRequestThrottle() {
        this(DEFAULT_INTERVAL_MILLIS);
    }

    /** True if a request may be sent now (and records it); false while throttled (the request is kept). */
    public boolean tryAcquire(long nowMillis) {
        if (sentAny && nowMillis - lastSentMillis < minIntervalMillis) {
            pending = true;
            return false;
        }
        sentAny = true;
        pending = false;
        lastSentMillis = nowMillis;
        return true;
    }

    /** True (and recorded as sent) when a request came while throttled and the interval has now passed. */
    public boolean duePending(long nowMillis) {
        return pending && nowMillis - lastSentMillis >= minIntervalMillis && tryAcquire(nowMillis);
    }

    /** The next FIR command sequence number, 0..255 wrapping. */
    public int nextFirSequenceNumber() {
        firSeq = (firSeq + 1) & 0xFF;
        return firSeq;
    }
}
