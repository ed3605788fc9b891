package io.confero.media.rtp;

/**
 * Serial-number arithmetic for 16-bit RTP sequence numbers (RFC 3550 §A.1, RFC 1982).
 * All methods take and return values masked to 16 bits.
 */
public final class SeqNum {
    /** Modulus of the 16-bit sequence space. */
    public static final int MOD = 1 << 16;

    private SeqNum() {
    }

    /**
     * Signed distance {@code a - b} in the range [-32768, 32767]. A positive result means
     * {@code a} is newer. The ambiguous half-way distance 32768 maps to -32768.
     */
    public static int diff(int a, int b) {
        return (short) ((a - b) & 0xFFFF);
    }

    /** True when {@code a} is strictly newer than {@code b} (RFC 1982 comparison). */
    public static boolean isNewer(int a, int b) {
        return diff(a, b) > 0;
    }

    /** {@code seq + delta} modulo 2^16. */
    public static int add(int seq, int delta) {
        return (seq + delta) & 0xFFFF;
    }
}
