package io.confero.media.rtp;

/**
 * Extends 32-bit RTP timestamps to 64 bits, relative to the last value seen (tolerates
 * reordering within ±2^31). The first value maps to itself. Not thread-safe.
 */
public final class TimestampUnwrapper {
    private long last = Long.MIN_VALUE;

    /** Returns the extended timestamp of {@code ts} and remembers it. */
    public long unwrap(long ts) {
        ts &= 0xFFFFFFFFL;
        long ext = last == Long.MIN_VALUE ? ts : last + TimestampNum.diff(ts, last & 0xFFFFFFFFL);
        last = ext;
        return ext;
    }

    /** The last extended value, or {@code Long.MIN_VALUE} before the first call. */
    public long last() { return last; }
}
