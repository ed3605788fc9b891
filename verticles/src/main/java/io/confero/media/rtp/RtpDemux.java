package io.confero.media.rtp;

/**
 * Demultiplexing of datagrams on one 5-tuple: RFC 7983 §7 first-byte ranges (STUN, DTLS, TURN
 * channel, RTP/RTCP) and RFC 5761 §4 RTP/RTCP distinction by the second byte (RTCP packet types
 * 192..223 occupy the RTP marker+payload-type byte).
 */
public final class RtpDemux {
    private RtpDemux() {
    }

    /** RFC 7983: first byte 0..3 is STUN. */
    public static boolean isStun(byte[] b, int off, int len) {
        return len > 0 && (b[off] & 0xFF) <= 3;
    }

    /** RFC 7983: first byte 20..63 is DTLS. */
    public static boolean isDtls(byte[] b, int off, int len) {
        int f = len > 0 ? b[off] & 0xFF : -1;
        return f >= 20 && f <= 63;
    }

    /** RFC 7983: first byte 128..191 is RTP or RTCP. */
    public static boolean isRtpOrRtcp(byte[] b, int off, int len) {
        int f = len > 0 ? b[off] & 0xFF : -1;
        return f >= 128 && f <= 191;
    }

    /** RTCP: RFC 7983 first byte 128..191 and RFC 5761 §4 second byte 192..223, length ≥ 4. */
    public static boolean isRtcp(byte[] b, int off, int len) {
        if (len < 4 || !isRtpOrRtcp(b, off, len)) {
            return false;
        }
        int pt = b[off + 1] & 0xFF;
        return pt >= 192 && pt <= 223;
    }

    /** RTP: RFC 7983 first byte 128..191, not RTCP, at least a fixed header. */
    public static boolean isRtp(byte[] b, int off, int len) {
        return len >= RtpPacket.FIXED_HEADER_LENGTH && isRtpOrRtcp(b, off, len) && !isRtcp(b, off, len);
    }
}
