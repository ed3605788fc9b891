package io.confero.media.rtp;

/**
 * Extends 16-bit RTP sequence numbers to a monotonic 64-bit space (RFC 3550 §A.1 "cycles").
 * Each value is unwrapped relative to the last value seen, so reordering within ±32767 is
 * handled. The first value maps to itself. Not thread-safe.
 */
public final class SeqUnwrapper {
    private long last = Long.MIN_VALUE;

    /** Returns the extended sequence number of {@code seq} and remembers it. */
    public long unwrap(int seq) {
        long ext = peek(seq);
        last = ext;
        return ext;
    }

    /** Returns the extended value of {@code seq} without updating the state. */
    public long peek(int seq) {
        seq &= 0xFFFF;
        if (last == Long.MIN_VALUE) {
            return seq;
        }
        return last + SeqNum.diff(seq, (int) (last & 0xFFFF));
    }

    /** The last extended value, or {@code Long.MIN_VALUE} before the first call. */
    public long last() { return last; }
}
