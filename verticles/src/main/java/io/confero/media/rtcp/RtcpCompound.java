package io.confero.media.rtcp;

import io.confero.media.rtp.Bytes;

/**
 * Walks a compound RTCP packet (RFC 3550 §6.1) one packet at a time without allocating: each
 * {@link #next()} validates the common header (version 2, length within the remaining bytes,
 * padding within the packet) and exposes type, count/FMT, offset and length of the packet, which
 * can then be handed to the matching {@code parse}. Not thread-safe.
 */
public final class RtcpCompound {
    private final byte[] buf;
    private final int end;
    private int pos;
    private int curOff = -1;
    private int curLen;

    public RtcpCompound(byte[] buf, int off, int len) {
        if (buf == null || off < 0 || len < 0 || off > buf.length - len) {
            throw new IllegalArgumentException("bad bounds");
        }
        this.buf = buf;
        this.pos = off;
        this.end = off + len;
    }

    /**
     * Advances to the next packet.
     *
     * @return false at the end of the compound packet
     * @throws RtcpException if the next header is malformed or overruns the datagram
     */
    public boolean next() throws RtcpException {
        if (pos >= end) {
            curOff = -1;
            return false;
        }
        if (end - pos < RtcpHeader.HEADER_LENGTH) {
            throw new RtcpException("trailing bytes after the last RTCP packet");
        }
        if ((buf[pos] & 0xC0) != 0x80) {
            throw new RtcpException("RTCP version is not 2");
        }
        int total = (Bytes.u16(buf, pos + 2) + 1) * 4;
        if (total > end - pos) {
            throw new RtcpException("RTCP length field exceeds the datagram");
        }
        RtcpHeader.unpadded(buf, pos, total);
        curOff = pos;
        curLen = total;
        pos += total;
        return true;
    }

    /** Packet type (PT) of the current packet. */
    public int packetType() { return RtcpHeader.packetType(buf, current()); }

    /** The RC/SC/FMT field of the current packet. */
    public int count() { return RtcpHeader.count(buf, current()); }

    /** Absolute offset of the current packet in the buffer. */
    public int packetOffset() { return current(); }

    /** Length in bytes of the current packet (from its length field). */
    public int packetLength() {
        current();
        return curLen;
    }

    /** Total encoded length of {@code packets} written back to back as one compound packet. */
    public static int encodedLength(RtcpPacket... packets) {
        int n = 0;
        for (RtcpPacket p : packets) {
            n += p.encodedLength();
        }
        return n;
    }

    /**
     * Writes {@code packets} back to back as one compound packet (RFC 3550 §6.1; with rtcp-rsize,
     * RFC 5506, a single feedback packet is also valid).
     *
     * @return bytes written
     */
    public static int write(byte[] buf, int off, RtcpPacket... packets) {
        RtcpHeader.checkSpace(buf, off, encodedLength(packets));
        int at = off;
        for (RtcpPacket p : packets) {
            at += p.writeTo(buf, at);
        }
        return at - off;
    }

    private int current() {
        if (curOff < 0) {
            throw new IllegalStateException("no current packet");
        }
        return curOff;
    }
}
