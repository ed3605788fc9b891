package io.confero.media.rtp;

/**
 * Serial-number arithmetic for 32-bit RTP timestamps (RFC 3550 §5.1, RFC 1982). Timestamps are
 * carried as {@code long} holding an unsigned 32-bit value.
 */
public final class TimestampNum {
    /** Modulus of the 32-bit timestamp space. */
    public static final long MOD = 1L << 32;

    private TimestampNum() {
    }

    /** Signed distance {@code a - b} in [-2^31, 2^31 - 1]; positive means {@code a} is newer. */
    public static long diff(long a, long b) {
        return (int) (a - b);
    }

    /** True when {@code a} is strictly newer than {@code b}. */
    public static boolean isNewer(long a, long b) {
        return diff(a, b) > 0;
    }

    /** {@code ts + delta} modulo 2^32. */
    public static long add(long ts, long delta) {
        return (ts + delta) & 0xFFFFFFFFL;
    }
}
