package io.confero.media.rtcp;

import io.confero.media.rtp.Bytes;

import java.util.ArrayList;
import java.util.List;

/** Receiver report (RFC 3550 §6.4.2), PT=201. Profile extensions are skipped on parse. */
public record RtcpRr(int ssrc, List<ReportBlock> reports) implements RtcpPacket {
    private static final int FIXED = 8;

    public RtcpRr {
        reports = List.copyOf(reports);
        if (reports.size() > 31) {
            throw new IllegalArgumentException("at most 31 report blocks");
        }
    }

    public static RtcpRr parse(byte[] b, int off, int len) throws RtcpException {
        int total = RtcpHeader.check(b, off, len, RtcpHeader.RR);
        int end = RtcpHeader.unpadded(b, off, total);
        int rc = RtcpHeader.count(b, off);
        if (FIXED + rc * ReportBlock.LENGTH > end) {
            throw new RtcpException("RR shorter than its report count");
        }
        List<ReportBlock> blocks = new ArrayList<>(rc);
        for (int i = 0; i < rc; i++) {
            blocks.add(ReportBlock.read(b, off + FIXED + i * ReportBlock.LENGTH));
        }
        return new RtcpRr(Bytes.i32(b, off + 4), blocks);
    }

    @Override
    public int encodedLength() { return FIXED + reports.size() * ReportBlock.LENGTH; }

    @Override
    public int writeTo(byte[] b, int off) {
        int n = encodedLength();
        RtcpHeader.checkSpace(b, off, n);
        RtcpHeader.write(b, off, reports.size(), RtcpHeader.RR, n);
        Bytes.put32(b, off + 4, ssrc);
        for (int i = 0; i < reports.size(); i++) {
            reports.get(i).write(b, off + FIXED + i * ReportBlock.LENGTH);
        }
        return n;
    }
}
