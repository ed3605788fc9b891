package io.confero.media.rtp;

/**
 * RTP retransmission payload format (RFC 4588 §4): the RTX payload starts with the 2-byte
 * original sequence number (OSN) followed by the original payload; the RTX stream has its own
 * SSRC, payload type and sequence numbers.
 */
public final class Rtx {
    /** Bytes added by RTX encapsulation (the OSN field). */
    public static final int OSN_LENGTH = 2;

    private Rtx() {
    }

    /** The original sequence number of an RTX packet, or -1 when its payload is too short. */
    public static int originalSequenceNumber(RtpPacket rtx) {
        if (rtx.payloadLength() < OSN_LENGTH) {
            return -1;
        }
        return Bytes.u16(rtx.buffer(), rtx.payloadOffset());
    }

    /**
     * Unwraps an RTX packet in place (RFC 4588 §4): removes padding and the OSN, restores the
     * original sequence number, and sets the original SSRC and payload type. Header extensions
     * and CSRCs are kept.
     *
     * @return the new packet length (parse again over the same bytes), or -1 when the payload is
     *     shorter than the OSN
     */
    public static int unwrapInPlace(RtpPacket rtx, int originalSsrc, int originalPt) {
        int osn = originalSequenceNumber(rtx);
        if (osn < 0) {
            return -1;
        }
        rtx.removePadding();
        byte[] b = rtx.buffer();
        int pay = rtx.payloadOffset();
        int payLen = rtx.payloadLength();
        System.arraycopy(b, pay + OSN_LENGTH, b, pay, payLen - OSN_LENGTH);
        int newLen = rtx.length() - OSN_LENGTH;
        rtx.truncateTo(newLen);
        rtx.setSequenceNumber(osn);
        rtx.setSsrc(originalSsrc);
        rtx.setPayloadType(originalPt);
        return newLen;
    }

    /** Bytes needed in the destination of {@link #wrap} for {@code original}. */
    public static int wrappedLength(RtpPacket original) {
        return original.headerLength() + OSN_LENGTH + original.payloadLength();
    }

    /**
     * Writes the RTX encapsulation of {@code original} into {@code dst} (RFC 4588 §4): same header
     * (CSRCs, extensions, marker, timestamp) with the RTX SSRC, payload type and sequence number,
     * then the OSN and the original payload. Padding is dropped.
     *
     * @return bytes written, {@link #wrappedLength(RtpPacket)}
     */
    public static int wrap(RtpPacket original, byte[] dst, int dstOff, int rtxSsrc, int rtxPt, int rtxSeq) {
        int total = wrappedLength(original);
        if (dstOff < 0 || dstOff > dst.length - total) {
            throw new IllegalArgumentException("destination too small for " + total + " bytes");
        }
        byte[] src = original.buffer();
        int header = original.headerLength();
        System.arraycopy(src, original.offset(), dst, dstOff, header);
        Bytes.put16(dst, dstOff + header, original.sequenceNumber());
        System.arraycopy(src, original.payloadOffset(), dst, dstOff + header + OSN_LENGTH, original.payloadLength());
        dst[dstOff] = (byte) (dst[dstOff] & ~0x20);
        dst[dstOff + 1] = (byte) ((dst[dstOff + 1] & 0x80) | (rtxPt & 0x7F));
        Bytes.put16(dst, dstOff + 2, rtxSeq);
        Bytes.put32(dst, dstOff + 8, rtxSsrc);
        return total;
    }
}
