package io.confero.media.rtcp;

import io.confero.media.rtp.Bytes;

/**
 * One reception report block (RFC 3550 §6.4.1), 24 bytes, shared by SR and RR.
 *
 * @param ssrc source this block reports on
 * @param fractionLost 8-bit fixed point fraction lost since the previous report (0..255)
 * @param cumulativeLost signed 24-bit cumulative number of packets lost
 * @param extendedHighestSeq extended highest sequence number received (unsigned 32-bit)
 * @param jitter interarrival jitter in timestamp units (unsigned 32-bit)
 * @param lastSr middle 32 bits of the last SR's NTP timestamp (LSR)
 * @param delaySinceLastSr DLSR in 1/65536 s
 */
public record ReportBlock(int ssrc, int fractionLost, int cumulativeLost, long extendedHighestSeq,
                          long jitter, long lastSr, long delaySinceLastSr) {
    public static final int LENGTH = 24;

    public ReportBlock {
        if (fractionLost < 0 || fractionLost > 255) {
            throw new IllegalArgumentException("fractionLost " + fractionLost);
        }
        if (cumulativeLost < -(1 << 23) || cumulativeLost >= (1 << 23)) {
            throw new IllegalArgumentException("cumulativeLost " + cumulativeLost);
        }
        extendedHighestSeq &= 0xFFFFFFFFL;
        jitter &= 0xFFFFFFFFL;
        lastSr &= 0xFFFFFFFFL;
        delaySinceLastSr &= 0xFFFFFFFFL;
    }

    static ReportBlock read(byte[] b, int i) {
        int lost = Bytes.u24(b, i + 5);
        int signedLost = (lost << 8) >> 8;
        return new ReportBlock(Bytes.i32(b, i), Bytes.u8(b, i + 4), signedLost, Bytes.u32(b, i + 8),
            Bytes.u32(b, i + 12), Bytes.u32(b, i + 16), Bytes.u32(b, i + 20));
    }

    void write(byte[] b, int i) {
        Bytes.put32(b, i, ssrc);
        b[i + 4] = (byte) fractionLost;
        Bytes.put24(b, i + 5, cumulativeLost & 0xFFFFFF);
        Bytes.put32(b, i + 8, extendedHighestSeq);
        Bytes.put32(b, i + 12, jitter);
        Bytes.put32(b, i + 16, lastSr);
        Bytes.put32(b, i + 20, delaySinceLastSr);
    }
}
