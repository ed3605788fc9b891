package io.confero.media.rtcp;

import io.confero.media.rtp.Bytes;

import java.util.ArrayList;
import java.util.List;

/**
 * Receiver Estimated Maximum Bitrate (draft-alvestrand-rmcat-remb-03 §2.2): PSFB (PT=206) FMT=15,
 * media SSRC 0, then "REMB", Num SSRC (8), BR Exp (6), BR Mantissa (18) and the SSRC list.
 *
 * @param bitrateBps bitrate in bits per second; encoded as mantissa·2^exp, rounding down
 */
public record RtcpRemb(int senderSsrc, long bitrateBps, List<Integer> ssrcs) implements RtcpPacket {
    public static final int FMT = 15;
    private static final int UNIQUE = 0x52454D42; // "REMB"
    private static final int MAX_MANTISSA = 0x3FFFF;

    public RtcpRemb {
        ssrcs = List.copyOf(ssrcs);
        if (bitrateBps < 0 || ssrcs.size() > 255) {
            throw new IllegalArgumentException("bad REMB");
        }
    }

    public static RtcpRemb parse(byte[] b, int off, int len) throws RtcpException {
        int total = RtcpHeader.check(b, off, len, RtcpHeader.PSFB, FMT);
        int end = RtcpHeader.unpadded(b, off, total);
        if (end < 20 || Bytes.i32(b, off + 12) != UNIQUE) {
            throw new RtcpException("not a REMB");
        }
        int num = Bytes.u8(b, off + 16);
        if (20 + 4 * num > end) {
            throw new RtcpException("REMB SSRC list truncated");
        }
        int exp = (b[off + 17] & 0xFF) >>> 2;
        long mantissa = ((b[off + 17] & 0x03L) << 16) | Bytes.u16(b, off + 18);
        long bitrate = exp > 45 ? Long.MAX_VALUE : mantissa << exp;
        List<Integer> ssrcs = new ArrayList<>(num);
        for (int k = 0; k < num; k++) {
            ssrcs.add(Bytes.i32(b, off + 20 + 4 * k));
        }
        return new RtcpRemb(Bytes.i32(b, off + 4), bitrate, ssrcs);
    }

    @Override
    public int encodedLength() { return 20 + 4 * ssrcs.size(); }

    @Override
    public int writeTo(byte[] b, int off) {
        int n = encodedLength();
        RtcpHeader.checkSpace(b, off, n);
        RtcpHeader.write(b, off, FMT, RtcpHeader.PSFB, n);
        Bytes.put32(b, off + 4, senderSsrc);
        Bytes.put32(b, off + 8, 0);
        Bytes.put32(b, off + 12, UNIQUE);
        int exp = 0;
        long mantissa = bitrateBps;
        while (mantissa > MAX_MANTISSA) {
            mantissa >>>= 1;
            exp++;
        }
        b[off + 16] = (byte) ssrcs.size();
        b[off + 17] = (byte) ((exp << 2) | (int) (mantissa >>> 16));
        Bytes.put16(b, off + 18, (int) mantissa);
        for (int k = 0; k < ssrcs.size(); k++) {
            Bytes.put32(b, off + 20 + 4 * k, ssrcs.get(k));
        }
        return n;
    }
}
