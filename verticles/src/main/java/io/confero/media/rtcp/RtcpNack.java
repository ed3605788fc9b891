package io.confero.media.rtcp;

import io.confero.media.rtp.Bytes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Generic NACK (RFC 4585 §6.2.1): RTPFB (PT=205) FMT=1; each FCI is a packet id (PID) and a
 * bitmask of the following 16 lost packets (BLP, bit i set means PID+i+1 is lost).
 */
public record RtcpNack(int senderSsrc, int mediaSsrc, List<Fci> fcis) implements RtcpPacket {
    public static final int FMT = 1;

    public RtcpNack {
        fcis = List.copyOf(fcis);
        if (fcis.isEmpty()) {
            throw new IllegalArgumentException("NACK needs at least one FCI");
        }
    }

    /** One FCI: PID and BLP, both 16-bit. */
    public record Fci(int pid, int blp) {
        public Fci {
            if (pid < 0 || pid > 0xFFFF || blp < 0 || blp > 0xFFFF) {
                throw new IllegalArgumentException("bad NACK FCI");
            }
        }
    }

    /**
     * Builds a NACK for {@code lost} sequence numbers with the fewest FCIs: sequence numbers are
     * ordered by RFC 1982 distance from the first one (so a list across the 65535→0 wrap works),
     * de-duplicated, and packed greedily into PID+BLP windows of 17.
     */
    public static RtcpNack of(int senderSsrc, int mediaSsrc, int... lost) {
        if (lost.length == 0) {
            throw new IllegalArgumentException("no lost packets");
        }
        int ref = lost[0] & 0xFFFF;
        long[] ext = new long[lost.length];
        for (int i = 0; i < lost.length; i++) {
            ext[i] = ref + (long) (short) ((lost[i] - ref) & 0xFFFF);
        }
        Arrays.sort(ext);
        List<Fci> fcis = new ArrayList<>();
        int i = 0;
        while (i < ext.length) {
            long pid = ext[i];
            int blp = 0;
            i++;
            while (i < ext.length && ext[i] - pid <= 16) {
                if (ext[i] != pid) {
                    blp |= 1 << (ext[i] - pid - 1);
                }
                i++;
            }
            fcis.add(new Fci((int) (pid & 0xFFFF), blp));
        }
        return new RtcpNack(senderSsrc, mediaSsrc, fcis);
    }

    /** Every lost sequence number these FCIs name, in FCI order, PID first then BLP bits. */
    public int[] lostSequenceNumbers() {
        int[] out = new int[fcis.size() * 17];
        int n = 0;
        for (Fci f : fcis) {
            out[n++] = f.pid();
            for (int bit = 0; bit < 16; bit++) {
                if ((f.blp() & (1 << bit)) != 0) {
                    out[n++] = (f.pid() + bit + 1) & 0xFFFF;
                }
            }
        }
        return Arrays.copyOf(out, n);
    }

    public static RtcpNack parse(byte[] b, int off, int len) throws RtcpException {
        int total = RtcpHeader.check(b, off, len, RtcpHeader.RTPFB, FMT);
        int end = RtcpHeader.unpadded(b, off, total);
        if (end < 16) {
            throw new RtcpException("NACK without an FCI");
        }
        int n = (end - 12) / 4;
        List<Fci> fcis = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            int at = off + 12 + 4 * k;
            fcis.add(new Fci(Bytes.u16(b, at), Bytes.u16(b, at + 2)));
        }
        return new RtcpNack(Bytes.i32(b, off + 4), Bytes.i32(b, off + 8), fcis);
    }

    @Override
    public int encodedLength() { return 12 + 4 * fcis.size(); }

    @Override
    public int writeTo(byte[] b, int off) {
        int n = encodedLength();
        RtcpHeader.checkSpace(b, off, n);
        RtcpHeader.write(b, off, FMT, RtcpHeader.RTPFB, n);
        Bytes.put32(b, off + 4, senderSsrc);
        Bytes.put32(b, off + 8, mediaSsrc);
        for (int k = 0; k < fcis.size(); k++) {
            Bytes.put16(b, off + 12 + 4 * k, fcis.get(k).pid());
            Bytes.put16(b, off + 14 + 4 * k, fcis.get(k).blp());
        }
        return n;
    }
}
