package io.confero.media.rtcp;

import io.confero.media.rtp.Bytes;

import java.util.ArrayList;
import java.util.List;

/**
 * Full Intra Request (RFC 5104 §4.3.1): PSFB (PT=206) FMT=4; the media source SSRC field is 0
 * and each 8-byte FCI entry names a target SSRC and a command sequence number.
 */
public record RtcpFir(int senderSsrc, List<Entry> entries) implements RtcpPacket {
    public static final int FMT = 4;

    public RtcpFir {
        entries = List.copyOf(entries);
    }

    /** One FCI entry: target SSRC and 8-bit command sequence number (RFC 5104 §4.3.1.1). */
    public record Entry(int ssrc, int seqNr) {
        public Entry {
            if (seqNr < 0 || seqNr > 255) {
                throw new IllegalArgumentException("FIR seq nr " + seqNr);
            }
        }
    }

    public static RtcpFir parse(byte[] b, int off, int len) throws RtcpException {
        int total = RtcpHeader.check(b, off, len, RtcpHeader.PSFB, FMT);
        int end = RtcpHeader.unpadded(b, off, total);
        if (end < 20) {
            throw new RtcpException("FIR without an FCI entry");
        }
        int n = (end - 12) / 8;
        List<Entry> entries = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            int at = off + 12 + 8 * k;
            entries.add(new Entry(Bytes.i32(b, at), Bytes.u8(b, at + 4)));
        }
        return new RtcpFir(Bytes.i32(b, off + 4), entries);
    }

    @Override
    public int encodedLength() { return 12 + 8 * entries.size(); }

    @Override
    public int writeTo(byte[] b, int off) {
        int n = encodedLength();
        RtcpHeader.checkSpace(b, off, n);
        RtcpHeader.write(b, off, FMT, RtcpHeader.PSFB, n);
        Bytes.put32(b, off + 4, senderSsrc);
        Bytes.put32(b, off + 8, 0);
        for (int k = 0; k < entries.size(); k++) {
            int at = off + 12 + 8 * k;
            Bytes.put32(b, at, entries.get(k).ssrc());
            Bytes.put32(b, at + 4, (long) entries.get(k).seqNr() << 24);
        }
        return n;
    }
}
