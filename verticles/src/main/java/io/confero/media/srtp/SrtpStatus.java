package io.confero.media.srtp;

/**
 * Why {@link SrtpSession} refused a packet. The protect/unprotect methods return a length
 * {@code >= 0} on success and {@link #code()} (always negative) on failure, so the hot path does not
 * allocate; {@link #ofResult(int)} maps a negative result back to its status.
 */
public enum SrtpStatus {
    /** Authentication tag did not verify (RFC 3711 §3.3 step 5, RFC 7714 §9.2). */
    AUTH_FAIL(-1),
    /** Packet index already seen or too old for the replay window (RFC 3711 §3.3.2). */
    REPLAY(-2),
    /** Too short, wrong RTP version, header longer than the packet. */
    MALFORMED(-3),
    /** A new SSRC arrived when the session already tracks its maximum number of SSRCs. */
    TOO_MANY_SSRCS(-4),
    /** The caller's array has no room after the packet for the tag (protect only). */
    BUFFER_TOO_SMALL(-5),
    /** The crypto provider failed; the session is unusable for this SSRC. */
    CRYPTO_ERROR(-6);

    private final int code;

    SrtpStatus(int code) {
        this.code = code;
    }

    /** The negative value the session returns for this status. */
    public int code() {
        return code;
    }

    /**
     * The status a negative result stands for.
     *
     * @throws IllegalArgumentException if {@code result} is a length (>= 0) or unknown
     */
    public static SrtpStatus ofResult(int result) {
        if (result >= 0 || -result > values().length) {
            throw new IllegalArgumentException("not a failure result: " + result);
        }
        return values()[-result - 1];
    }

    /** True when {@code result} is a failure code rather than a length. */
    public static boolean isFailure(int result) {
        return result < 0;
    }
}
