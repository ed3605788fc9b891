package io.confero.media.rtcp;

import io.confero.media.rtp.Bytes;

/** Picture Loss Indication (RFC 4585 §6.3.1): PSFB (PT=206) with FMT=1 and no FCI. */
public record RtcpPli(int senderSsrc, int mediaSsrc) implements RtcpPacket {
    public static final int FMT = 1;
    public static final int LENGTH = 12;

    public static RtcpPli parse(byte[] b, int off, int len) throws RtcpException {
        int total = RtcpHeader.check(b, off, len, RtcpHeader.PSFB, FMT);
        if (RtcpHeader.unpadded(b, off, total) < LENGTH) {
            throw new RtcpException("PLI shorter than 12 bytes");
        }
        return new RtcpPli(Bytes.i32(b, off + 4), Bytes.i32(b, off + 8));
    }

    @Override
    public int encodedLength() { return LENGTH; }

    @Override
    public int writeTo(byte[] b, int off) {
        RtcpHeader.checkSpace(b, off, LENGTH);
        RtcpHeader.write(b, off, FMT, RtcpHeader.PSFB, LENGTH);
        Bytes.put32(b, off + 4, senderSsrc);
        Bytes.put32(b, off + 8, mediaSsrc);
        return LENGTH;
    }
}
