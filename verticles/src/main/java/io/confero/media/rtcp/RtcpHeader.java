package io.confero.media.rtcp;

import io.confero.media.rtp.Bytes;

/**
 * The common RTCP header (RFC 3550 §6.4.1): {@code V=2 | P | RC/FMT(5) | PT(8) | length(16)},
 * length in 32-bit words minus one. Packet-type constants from RFC 3550 §12.1 and RFC 4585 §6.1.
 */
public final class RtcpHeader {
    public static final int SR = 200;
    public static final int RR = 201;
    public static final int SDES = 202;
    public static final int BYE = 203;
    public static final int APP = 204;
    /** Transport-layer feedback (RFC 4585 §6.2): NACK (FMT 1), transport-cc (FMT 15). */
    public static final int RTPFB = 205;
    /** Payload-specific feedback (RFC 4585 §6.3): PLI (1), FIR (4, RFC 5104), REMB (15). */
    public static final int PSFB = 206;
    public static final int HEADER_LENGTH = 4;

    private RtcpHeader() {
    }

    /** The 5-bit RC/SC/FMT field. */
    public static int count(byte[] b, int off) { return b[off] & 0x1F; }

    public static int packetType(byte[] b, int off) { return b[off + 1] & 0xFF; }

    public static boolean padding(byte[] b, int off) { return (b[off] & 0x20) != 0; }

    /**
     * Validates the header of a packet of type {@code pt} at {@code off} within {@code len}
     * bytes and returns the packet's length in bytes from its length field.
     */
    static int check(byte[] b, int off, int len, int pt) throws RtcpException {
        if (b == null || off < 0 || len < HEADER_LENGTH || off > b.length - len) {
            throw new RtcpException("truncated RTCP header");
        }
        if ((b[off] & 0xC0) != 0x80) {
            throw new RtcpException("RTCP version is not 2");
        }
        if (packetType(b, off) != pt) {
            throw new RtcpException("expected packet type " + pt + " got " + packetType(b, off));
        }
        int total = (Bytes.u16(b, off + 2) + 1) * 4;
        if (total > len) {
            throw new RtcpException("RTCP length field exceeds the datagram");
        }
        return total;
    }

    /** Like {@link #check} and also requires the FMT/RC field to equal {@code fmt}. */
    static int check(byte[] b, int off, int len, int pt, int fmt) throws RtcpException {
        int total = check(b, off, len, pt);
        if (count(b, off) != fmt) {
            throw new RtcpException("expected FMT " + fmt + " got " + count(b, off));
        }
        return total;
    }

    /** Length of the packet without its trailing padding (RFC 3550 §6.4.1, P bit). */
    static int unpadded(byte[] b, int off, int total) throws RtcpException {
        if (!padding(b, off)) {
            return total;
        }
        int pad = b[off + total - 1] & 0xFF;
        if (pad == 0 || pad > total - HEADER_LENGTH) {
            throw new RtcpException("bad RTCP padding");
        }
        return total - pad;
    }

    /** Writes a header without padding; {@code totalLength} must be a multiple of 4. */
    static void write(byte[] b, int off, int countOrFmt, int pt, int totalLength) {
        b[off] = (byte) (0x80 | (countOrFmt & 0x1F));
        b[off + 1] = (byte) pt;
        Bytes.put16(b, off + 2, totalLength / 4 - 1);
    }

    static void checkSpace(byte[] b, int off, int need) {
        if (off < 0 || off > b.length - need) {
            throw new IllegalArgumentException("buffer too small: need " + need + " bytes at " + off);
        }
    }
}
