package io.confero.media.rtcp;

import io.confero.media.rtp.Bytes;

import java.util.Arrays;

/**
 * Transport-wide congestion control feedback
 * (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1): RTPFB (PT=205) FMT=15.
 *
 * <p>Holds one status symbol per packet from {@code baseSeq} (§3.1.1: 0 not received, 1 received
 * with a small delta, 2 received with a large/negative delta, 3 reserved — parsed as received
 * without a delta) and one receive delta per symbol 1 or 2, in 250 µs ticks (§3.1.5). The
 * reference time is the raw 24-bit field in 64 ms units. Chunks are chosen on write (§3.1.3 run
 * length, §3.1.4 status vector); like libwebrtc the packet is padded to 32 bits with the P bit.
 */
public final class RtcpTwcc implements RtcpPacket {
    public static final int FMT = 15;
    public static final int NOT_RECEIVED = 0;
    public static final int SMALL_DELTA = 1;
    public static final int LARGE_DELTA = 2;
    public static final int RESERVED = 3;
    /** Microseconds per receive-delta tick (§3.1.5). */
    public static final int DELTA_TICK_MICROS = 250;
    /** Microseconds per reference-time unit (§3.1). */
    public static final int REFERENCE_TIME_UNIT_MICROS = 64_000;
    private static final int FIXED = 20;
    private static final int MAX_RUN = 0x1FFF;

    private final int senderSsrc;
    private final int mediaSsrc;
    private final int baseSeq;
    private final int referenceTime;
    private final int fbPktCount;
    private final byte[] symbols;
    private final int[] deltas;

    /**
     * @param symbols one status symbol (0..3) per packet, 1..65535 of them
     * @param deltas receive deltas in 250 µs ticks, one per symbol 1 (0..255) or 2 (int16)
     */
    public RtcpTwcc(int senderSsrc, int mediaSsrc, int baseSeq, int referenceTime, int fbPktCount,
                    byte[] symbols, int[] deltas) {
        if (baseSeq < 0 || baseSeq > 0xFFFF || referenceTime < 0 || referenceTime > 0xFFFFFF
            || fbPktCount < 0 || fbPktCount > 255 || symbols.length == 0 || symbols.length > 0xFFFF) {
            throw new IllegalArgumentException("bad transport-cc header field");
        }
        checkDeltas(symbols, deltas);
        this.senderSsrc = senderSsrc;
        this.mediaSsrc = mediaSsrc;
        this.baseSeq = baseSeq;
        this.referenceTime = referenceTime;
        this.fbPktCount = fbPktCount;
        this.symbols = symbols.clone();
        this.deltas = deltas.clone();
    }

    private static void checkDeltas(byte[] symbols, int[] deltas) {
        int k = 0;
        for (byte s : symbols) {
            if (s < 0 || s > RESERVED) {
                throw new IllegalArgumentException("bad symbol " + s);
            }
            if (s == SMALL_DELTA || s == LARGE_DELTA) {
                if (k >= deltas.length) {
                    throw new IllegalArgumentException("too few deltas");
                }
                int d = deltas[k++];
                boolean ok = s == SMALL_DELTA ? d >= 0 && d <= 255 : d >= Short.MIN_VALUE && d <= Short.MAX_VALUE;
                if (!ok) {
                    throw new IllegalArgumentException("delta " + d + " does not fit symbol " + s);
                }
            }
        }
        if (k != deltas.length) {
            throw new IllegalArgumentException("too many deltas");
        }
    }

    public int senderSsrc() { return senderSsrc; }
    public int mediaSsrc() { return mediaSsrc; }
    public int baseSeq() { return baseSeq; }
    public int packetStatusCount() { return symbols.length; }
    /** Raw 24-bit reference time in 64 ms units. */
    public int referenceTime() { return referenceTime; }
    public int fbPktCount() { return fbPktCount; }
    /** Status symbol of packet {@code baseSeq + i}. */
    public int symbol(int i) { return symbols[i]; }
    public int[] deltaTicks() { return deltas.clone(); }

    /**
     * Arrival time of each reported packet in µs on the sender's reference clock
     * ({@code referenceTime·64 ms + Σ deltas}); {@code Long.MIN_VALUE} for packets not received.
     */
    public long[] arrivalMicros() {
        long[] out = new long[symbols.length];
        long t = (long) referenceTime * REFERENCE_TIME_UNIT_MICROS;
        int k = 0;
        for (int i = 0; i < symbols.length; i++) {
            if (symbols[i] == SMALL_DELTA || symbols[i] == LARGE_DELTA) {
                t += (long) deltas[k++] * DELTA_TICK_MICROS;
                out[i] = t;
            } else {
                out[i] = symbols[i] == RESERVED ? t : Long.MIN_VALUE;
            }
        }
        return out;
    }

    public static RtcpTwcc parse(byte[] b, int off, int len) throws RtcpException {
        int total = RtcpHeader.check(b, off, len, RtcpHeader.RTPFB, FMT);
        int end = off + RtcpHeader.unpadded(b, off, total);
        if (end - off < FIXED) {
            throw new RtcpException("transport-cc shorter than 20 bytes");
        }
        int count = Bytes.u16(b, off + 14);
        if (count == 0) {
            throw new RtcpException("transport-cc with zero packet status count");
        }
        byte[] symbols = new byte[count];
        int at = readChunks(b, off + FIXED, end, symbols);
        int[] deltas = readDeltas(b, at, end, symbols);
        return new RtcpTwcc(Bytes.i32(b, off + 4), Bytes.i32(b, off + 8), Bytes.u16(b, off + 12),
            Bytes.u24(b, off + 16), Bytes.u8(b, off + 19), symbols, deltas);
    }

    private static int readChunks(byte[] b, int at, int end, byte[] symbols) throws RtcpException {
        int n = 0;
        while (n < symbols.length) {
            if (at + 2 > end) {
                throw new RtcpException("transport-cc chunks truncated");
            }
            int c = Bytes.u16(b, at);
            at += 2;
            if ((c & 0x8000) == 0) {
                int run = Math.min(c & MAX_RUN, symbols.length - n);
                Arrays.fill(symbols, n, n + run, (byte) ((c >>> 13) & 3));
                n += run;
            } else if ((c & 0x4000) == 0) {
                for (int bit = 13; bit >= 0 && n < symbols.length; bit--) {
                    symbols[n++] = (byte) ((c >>> bit) & 1);
                }
            } else {
                for (int sh = 12; sh >= 0 && n < symbols.length; sh -= 2) {
                    symbols[n++] = (byte) ((c >>> sh) & 3);
                }
            }
        }
        return at;
    }

    private static int[] readDeltas(byte[] b, int at, int end, byte[] symbols) throws RtcpException {
        int received = 0;
        for (byte s : symbols) {
            if (s == SMALL_DELTA || s == LARGE_DELTA) {
                received++;
            }
        }
        int[] deltas = new int[received];
        int k = 0;
        for (byte s : symbols) {
            if (s == SMALL_DELTA) {
                if (at + 1 > end) {
                    throw new RtcpException("transport-cc deltas truncated");
                }
                deltas[k++] = b[at++] & 0xFF;
            } else if (s == LARGE_DELTA) {
                if (at + 2 > end) {
                    throw new RtcpException("transport-cc deltas truncated");
                }
                deltas[k++] = (short) Bytes.u16(b, at);
                at += 2;
            }
        }
        return deltas;
    }

    private int deltaBytes() {
        int n = 0;
        for (byte s : symbols) {
            n += s == SMALL_DELTA ? 1 : s == LARGE_DELTA ? 2 : 0;
        }
        return n;
    }

    @Override
    public int encodedLength() {
        return (FIXED + TwccChunkEncoder.encode(symbols, null, 0) + deltaBytes() + 3) & ~3;
    }

    @Override
    public int writeTo(byte[] b, int off) {
        int n = encodedLength();
        RtcpHeader.checkSpace(b, off, n);
        Arrays.fill(b, off, off + n, (byte) 0);
        RtcpHeader.write(b, off, FMT, RtcpHeader.RTPFB, n);
        Bytes.put32(b, off + 4, senderSsrc);
        Bytes.put32(b, off + 8, mediaSsrc);
        Bytes.put16(b, off + 12, baseSeq);
        Bytes.put16(b, off + 14, symbols.length);
        Bytes.put24(b, off + 16, referenceTime);
        b[off + 19] = (byte) fbPktCount;
        int at = off + FIXED + TwccChunkEncoder.encode(symbols, b, off + FIXED);
        int k = 0;
        for (byte s : symbols) {
            if (s == SMALL_DELTA) {
                b[at++] = (byte) deltas[k++];
            } else if (s == LARGE_DELTA) {
                Bytes.put16(b, at, deltas[k++]);
                at += 2;
            }
        }
        int pad = off + n - at;
        if (pad > 0) {
            b[off] |= 0x20;
            b[off + n - 1] = (byte) pad;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RtcpTwcc t && t.senderSsrc == senderSsrc && t.mediaSsrc == mediaSsrc
            && t.baseSeq == baseSeq && t.referenceTime == referenceTime && t.fbPktCount == fbPktCount
            && Arrays.equals(t.symbols, symbols) && Arrays.equals(t.deltas, deltas);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * baseSeq + referenceTime) + Arrays.hashCode(symbols) + Arrays.hashCode(deltas);
    }

    @Override
    public String toString() {
        return "RtcpTwcc[base=" + baseSeq + ", count=" + symbols.length + ", ref=" + referenceTime
            + ", fb=" + fbPktCount + ", symbols=" + Arrays.toString(symbols) + ", deltas=" + Arrays.toString(deltas) + "]";
    }
}
