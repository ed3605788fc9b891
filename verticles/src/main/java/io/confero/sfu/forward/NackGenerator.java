package io.confero.sfu.forward;

import io.confero.media.rtp.SeqUnwrapper;

/**
 * Loss detection and generic NACK scheduling for one RTP stream we receive (RFC 4585 §6.2.1
 * generic NACK; the repairs come back as RFC 4588 retransmissions), in the manner of libwebrtc's
 * NackRequester and mediasoup's NackGenerator.
 *
 * <p>Sequence numbers are extended with a {@link SeqUnwrapper}; a packet more than one ahead of
 * the highest seen opens a gap whose sequence numbers become missing. A missing number is
 * requested at once, then again every {@code retryMillis} (about one round trip) up to
 * {@code maxSends} times; it is forgotten after its last request went unanswered for
 * {@code retryMillis}, or {@code maxAgeMillis} after it went missing. A late or retransmitted
 * (RTX-unwrapped) arrival clears it. The list is bounded: on overflow the oldest are dropped, and
 * a gap larger than the whole list clears it and asks for a keyframe instead
 * ({@link Outcome#TOO_MANY_LOST}), since so much could not be repaired in time.
 *
 * <p>Pure and single-threaded: time comes in as milliseconds of any monotonic clock; nothing is
 * allocated per packet.
 */
public final class NackGenerator {
    /** What one arrival meant. */
    public enum Outcome {
        /** The next expected packet (or the first one). */
        IN_ORDER,
        /** Newer than expected: the packets in between are now missing. */
        GAP,
        /** A missing packet arrived (late, or retransmitted). */
        RECOVERED,
        /** Not newer than the highest and not missing: a duplicate, or one given up on. */
        DUPLICATE,
        /** A gap wider than the list: everything missing was forgotten; request a keyframe. */
        TOO_MANY_LOST
    }

    /** Default bound of the missing list (about a second of 2 Mbps video). */
    public static final int DEFAULT_CAPACITY = 256;
    /** Default request spacing when the round-trip time is unknown. */
    public static final long DEFAULT_RETRY_MILLIS = 30;
    /** Default number of requests per missing packet. */
    public static final int DEFAULT_MAX_SENDS = 4;
    /** Default lifetime of a missing packet: later, a retransmission is of no use to a receiver. */
    public static final long DEFAULT_MAX_AGE_MILLIS = 1000;

    private final SeqUnwrapper unwrapper = new SeqUnwrapper();
    private final long retryMillis;
    private final int maxSends;
    private final long maxAgeMillis;
    private final long[] seqs;
    private final long[] missingSince;
    private final long[] lastSent;
    private final int[] sends;
    private int size;
    private boolean started;
    private long highest;
    private long nextDue = Long.MAX_VALUE;

    /**
     * @param capacity most sequence numbers tracked at once
     * @param retryMillis spacing of repeated requests for one packet (about one RTT)
     * @param maxSends requests per packet before giving up
     * @param maxAgeMillis how long after going missing a packet is still requested
     */
    public NackGenerator(int capacity, long retryMillis, int maxSends, long maxAgeMillis) {
        if (capacity < 1 || capacity > 32_768 || retryMillis <= 0 || maxSends < 1 || maxAgeMillis <= 0) {
            throw new IllegalArgumentException("capacity 1..32768, positive retry, sends and age required");
        }
        this.retryMillis = retryMillis;
        this.maxSends = maxSends;
        this.maxAgeMillis = maxAgeMillis;
        this.seqs = new long[capacity];
        this.missingSince = new long[capacity];
        this.lastSent = new long[capacity];
        this.sends = new int[capacity];
    }

    /** {@link #DEFAULT_CAPACITY}, {@link #DEFAULT_RETRY_MILLIS}, {@link #DEFAULT_MAX_SENDS}, {@link #DEFAULT_MAX_AGE_MILLIS}. */
    public static NackGenerator withDefaults() {
        return new NackGenerator(DEFAULT_CAPACITY, DEFAULT_RETRY_MILLIS, DEFAULT_MAX_SENDS, DEFAULT_MAX_AGE_MILLIS);
    }

    /** How many sequence numbers are missing now. */
    public int missingCount() {
        return size;
    }

    /** Whether {@code seq} is currently missing. */
    public boolean isMissing(int seq) {
        return started && indexOf(unwrapper.peek(seq)) >= 0;
    }

    /** Notes one arrival on the stream (original or RTX-unwrapped) at {@code nowMillis}. */
    public Outcome onPacket(int seq, long nowMillis) {
        if (!started) {
            started = true;
            highest = unwrapper.unwrap(seq);
            return Outcome.IN_ORDER;
        }
        long ext = unwrapper.peek(seq);
        if (ext <= highest) {
            int i = indexOf(ext);
            if (i < 0) {
                return Outcome.DUPLICATE;
            }
            remove(i);
            return Outcome.RECOVERED;
        }
        unwrapper.unwrap(seq);
        long gap = ext - highest - 1;
        long from = highest + 1;
        highest = ext;
        if (gap == 0) {
            return Outcome.IN_ORDER;
        }
        if (gap > seqs.length) {
            size = 0;
            nextDue = Long.MAX_VALUE;
            return Outcome.TOO_MANY_LOST;
        }
        for (long s = from; s < ext; s++) {
            add(s, nowMillis);
        }
        return Outcome.GAP;
    }

    /** Whether {@link #collect} would return something now; O(1), for the per-packet path. */
    public boolean isDue(long nowMillis) {
        return size > 0 && nowMillis >= nextDue;
    }

    /**
     * Writes the sequence numbers to request now into {@code out} (oldest first, at most
     * {@code out.length}), counting each as sent; drops those that are too old or were requested
     * {@code maxSends} times a retry interval ago.
     *
     * @return how many were written
     */
    public int collect(long nowMillis, int[] out) {
        int n = 0;
        int kept = 0;
        long due = Long.MAX_VALUE;
        for (int i = 0; i < size; i++) {
            boolean retryTime = sends[i] == 0 || nowMillis - lastSent[i] >= retryMillis;
            if (nowMillis - missingSince[i] > maxAgeMillis || (sends[i] >= maxSends && retryTime)) {
                continue;
            }
            if (retryTime && sends[i] < maxSends && n < out.length) {
                out[n++] = (int) (seqs[i] & 0xFFFF);
                sends[i]++;
                lastSent[i] = nowMillis;
            }
            due = Math.min(due, sends[i] == 0 ? nowMillis : lastSent[i] + retryMillis);
            move(i, kept++);
        }
        size = kept;
        nextDue = due;
        return n;
    }

    private void add(long ext, long nowMillis) {
        if (size == seqs.length) {
            remove(0);
        }
        seqs[size] = ext;
        missingSince[size] = nowMillis;
        lastSent[size] = 0;
        sends[size] = 0;
        size++;
        nextDue = Math.min(nextDue, nowMillis);
    }

    /** Binary search: the list is ascending because gaps are found in increasing order. */
    private int indexOf(long ext) {
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (seqs[mid] < ext) {
                lo = mid + 1;
            } else if (seqs[mid] > ext) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    private void remove(int i) {
        for (int j = i + 1; j < size; j++) {
            move(j, j - 1);
        }
        size--;
        if (size == 0) {
            nextDue = Long.MAX_VALUE;
        }
    }

    private void move(int from, int to) {
        if (from != to) {
            seqs[to] = seqs[from];
            missingSince[to] = missingSince[from];
            lastSent[to] = lastSent[from];
            sends[to] = sends[from];
        }
    }
}
