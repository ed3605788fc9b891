package io.confero.media.rtcp;

import io.confero.media.rtp.Bytes;

import java.util.ArrayList;
import java.util.List;

/**
 * Sender report (RFC 3550 §6.4.1), PT=200. Profile-specific extensions after the report blocks
 * are skipped on parse and not written.
 *
 * @param ntpTimestamp 64-bit NTP timestamp (seconds.fraction since 1900)
 * @param rtpTimestamp RTP timestamp matching the NTP time (unsigned 32-bit)
 */
public record RtcpSr(int ssrc, long ntpTimestamp, long rtpTimestamp, long packetCount, long octetCount,
                     List<ReportBlock> reports) implements RtcpPacket {
    private static final int FIXED = 28;

    public RtcpSr {
        reports = List.copyOf(reports);
        if (reports.size() > 31) {
            throw new IllegalArgumentException("at most 31 report blocks");
        }
        rtpTimestamp &= 0xFFFFFFFFL;
        packetCount &= 0xFFFFFFFFL;
        octetCount &= 0xFFFFFFFFL;
    }

    /** Parses an SR at {@code off}; {@code len} may extend past it (compound packets). */
    public static RtcpSr parse(byte[] b, int off, int len) throws RtcpException {
        int total = RtcpHeader.check(b, off, len, RtcpHeader.SR);
        int end = RtcpHeader.unpadded(b, off, total);
        int rc = RtcpHeader.count(b, off);
        if (FIXED + rc * ReportBlock.LENGTH > end) {
            throw new RtcpException("SR shorter than its report count");
        }
        List<ReportBlock> blocks = new ArrayList<>(rc);
        for (int i = 0; i < rc; i++) {
            blocks.add(ReportBlock.read(b, off + FIXED + i * ReportBlock.LENGTH));
        }
        return new RtcpSr(Bytes.i32(b, off + 4), Bytes.u64(b, off + 8), Bytes.u32(b, off + 16),
            Bytes.u32(b, off + 20), Bytes.u32(b, off + 24), blocks);
    }

    @Override
    public int encodedLength() { return FIXED + reports.size() * ReportBlock.LENGTH; }

    @Override
    public int writeTo(byte[] b, int off) {
        int n = encodedLength();
        RtcpHeader.checkSpace(b, off, n);
        RtcpHeader.write(b, off, reports.size(), RtcpHeader.SR, n);
        Bytes.put32(b, off + 4, ssrc);
        Bytes.put64(b, off + 8, ntpTimestamp);
        Bytes.put32(b, off + 16, rtpTimestamp);
        Bytes.put32(b, off + 20, packetCount);
        Bytes.put32(b, off + 24, octetCount);
        for (int i = 0; i < reports.size(); i++) {
            reports.get(i).write(b, off + FIXED + i * ReportBlock.LENGTH);
        }
        return n;
    }

    /** The middle 32 bits of the NTP timestamp, as echoed in LSR (RFC 3550 §6.4.1). */
    public long compactNtp() { return (ntpTimestamp >>> 16) & 0xFFFFFFFFL; }
}
