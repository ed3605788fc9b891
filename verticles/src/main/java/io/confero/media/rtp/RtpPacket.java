package io.confero.media.rtp;

/**
 * Flyweight view over an RTP packet held in a byte array (RFC 3550 §5.1).
 *
 * <p>{@link #parse(byte[], int, int)} validates the fixed header, the CSRC list, the header
 * extension (§5.3.1) and the padding (§5.1, P bit) and returns {@code null} for anything that is
 * not a well-formed RTP packet; it never throws on arbitrary bytes. The view does not copy: the
 * setters rewrite the underlying buffer in place. A view is not thread-safe and must not outlive
 * the buffer's ownership by the caller.
 */
public final class RtpPacket {
    /** Size of the fixed RTP header (RFC 3550 §5.1). */
    public static final int FIXED_HEADER_LENGTH = 12;
    /** RTP version carried in the first two bits. */
    public static final int VERSION = 2;

    private final byte[] buf;
    private final int off;
    private int len;
    private final int headerLength;
    private final int extensionOffset;
    private final int extensionLength;
    private int paddingLength;

    private RtpPacket(byte[] buf, int off, int len, int headerLength, int extOff, int extLen, int padLen) {
        this.buf = buf;
        this.off = off;
        this.len = len;
        this.headerLength = headerLength;
        this.extensionOffset = extOff;
        this.extensionLength = extLen;
        this.paddingLength = padLen;
    }

    /**
     * Parses and validates an RTP packet.
     *
     * @return a view over {@code buf}, or {@code null} when the bytes are not a valid RTP packet
     *     (bad version, truncated header/CSRC list/extension, or inconsistent padding)
     */
    public static RtpPacket parse(byte[] buf, int off, int len) {
        if (buf == null || off < 0 || len < FIXED_HEADER_LENGTH || off > buf.length - len) {
            return null;
        }
        int b0 = buf[off] & 0xFF;
        if ((b0 >>> 6) != VERSION) {
            return null;
        }
        int header = FIXED_HEADER_LENGTH + 4 * (b0 & 0x0F);
        if (header > len) {
            return null;
        }
        int extOff = -1;
        int extLen = 0;
        if ((b0 & 0x10) != 0) {
            if (header + 4 > len) {
                return null;
            }
            int words = Bytes.u16(buf, off + header + 2);
            extOff = header + 4;
            extLen = 4 * words;
            header = extOff + extLen;
            if (header > len) {
                return null;
            }
        }
        int pad = 0;
        if ((b0 & 0x20) != 0) {
            pad = buf[off + len - 1] & 0xFF;
            if (pad == 0 || header + pad > len) {
                return null;
            }
        }
        return new RtpPacket(buf, off, len, header, extOff, extLen, pad);
    }

    public byte[] buffer() { return buf; }
    public int offset() { return off; }
    /** Total length of the packet in bytes, including padding. */
    public int length() { return len; }
    public int version() { return (buf[off] & 0xFF) >>> 6; }
    public boolean hasPadding() { return (buf[off] & 0x20) != 0; }
    public boolean hasExtension() { return (buf[off] & 0x10) != 0; }
    public int csrcCount() { return buf[off] & 0x0F; }
    public boolean marker() { return (buf[off + 1] & 0x80) != 0; }
    public int payloadType() { return buf[off + 1] & 0x7F; }
    public int sequenceNumber() { return Bytes.u16(buf, off + 2); }
    /** The RTP timestamp as an unsigned 32-bit value. */
    public long timestamp() { return Bytes.u32(buf, off + 4); }
    public int ssrc() { return Bytes.i32(buf, off + 8); }

    /** CSRC identifier {@code i} (0-based, {@code i < csrcCount()}). */
    public int csrc(int i) {
        if (i < 0 || i >= csrcCount()) {
            throw new IndexOutOfBoundsException(i);
        }
        return Bytes.i32(buf, off + FIXED_HEADER_LENGTH + 4 * i);
    }

    /** Header length: fixed header, CSRCs and the header extension (RFC 3550 §5.3.1). */
    public int headerLength() { return headerLength; }
    /** Absolute offset in {@link #buffer()} of the payload. */
    public int payloadOffset() { return off + headerLength; }
    /** Payload length without padding. */
    public int payloadLength() { return len - headerLength - paddingLength; }
    public int paddingLength() { return paddingLength; }

    /** The 16-bit "defined by profile" field of the extension header, or -1 if none. */
    public int extensionProfile() {
        return extensionOffset < 0 ? -1 : Bytes.u16(buf, off + extensionOffset - 4);
    }

    /** Absolute offset of the extension data (after the 4-byte extension header), or -1. */
    public int extensionDataOffset() { return extensionOffset < 0 ? -1 : off + extensionOffset; }
    /** Length in bytes of the extension data (a multiple of 4), 0 when absent. */
    public int extensionDataLength() { return extensionLength; }

    public void setMarker(boolean marker) {
        buf[off + 1] = (byte) (marker ? (buf[off + 1] | 0x80) : (buf[off + 1] & 0x7F));
    }

    public void setPayloadType(int pt) {
        if (pt < 0 || pt > 127) {
            throw new IllegalArgumentException("payload type " + pt);
        }
        buf[off + 1] = (byte) ((buf[off + 1] & 0x80) | pt);
    }

    public void setSequenceNumber(int seq) { Bytes.put16(buf, off + 2, seq); }
    public void setTimestamp(long ts) { Bytes.put32(buf, off + 4, (int) ts); }
    public void setSsrc(int ssrc) { Bytes.put32(buf, off + 8, ssrc); }

    /**
     * Removes the padding (RFC 3550 §5.1): clears the P bit and shortens the packet.
     *
     * @return the new total length
     */
    public int removePadding() {
        if (paddingLength > 0) {
            len -= paddingLength;
            paddingLength = 0;
            buf[off] = (byte) (buf[off] & ~0x20);
        }
        return len;
    }

    /** Shrinks the view after an in-place edit that removed payload bytes at the end. */
    void truncateTo(int newLength) {
        this.len = newLength;
    }
}
