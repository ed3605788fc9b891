package io.confero.media.rtp;

/**
 * A padding-only RTP packet (RFC 3550 §5.1: P bit set, no payload, the last octet counting the
 * padding octets including itself) carrying one RFC 8285 §4.2 one-byte header extension element, the
 * transport-wide sequence number (draft-holmer-rmcat-transport-wide-cc-extensions-01 §2), so the
 * receiver's transport-cc feedback reports it. Sent on a subscriber's RTX stream as bandwidth probes,
 * as libwebrtc does: a receiver drops it after noting its arrival.
 */
public final class PaddingPacket {
    /** Most padding octets one packet can carry (the count is one octet). */
    public static final int MAX_PADDING = 255;
    /** Fixed header plus the one-word extension block. */
    public static final int HEADER_LENGTH = RtpPacket.FIXED_HEADER_LENGTH + 8;

    private PaddingPacket() {
    }

    /** The packet's length with {@code padding} octets. */
    public static int length(int padding) {
        return HEADER_LENGTH + padding;
    }

    /**
     * Writes the packet at {@code dst[off]}; the transport-wide sequence number is left 0 for the
     * sender to stamp ({@link RtpExtensions#setTransportSequence}).
     *
     * @param transportCcId the one-byte extension id (1–14) the receiver negotiated for transport-cc
     * @param padding padding octets, 1–{@value #MAX_PADDING}
     * @return bytes written, {@link #length(int)}
     */
    public static int write(byte[] dst, int off, int ssrc, int payloadType, int seq, long timestamp, int transportCcId,
        int padding) {
        if (transportCcId < 1 || transportCcId > 14 || padding < 1 || padding > MAX_PADDING || payloadType < 0
            || payloadType > 127) {
            throw new IllegalArgumentException("padding packet: extension id " + transportCcId + ", " + padding
                + " octets, payload type " + payloadType);
        }
        int total = length(padding);
        if (off < 0 || off > dst.length - total) {
            throw new IllegalArgumentException("destination too small for " + total + " bytes");
        }
        dst[off] = (byte) 0xB0; // V=2, P=1, X=1, CC=0
        dst[off + 1] = (byte) payloadType;
        Bytes.put16(dst, off + 2, seq);
        Bytes.put32(dst, off + 4, timestamp);
        Bytes.put32(dst, off + 8, ssrc);
        Bytes.put16(dst, off + 12, RtpExtensions.ONE_BYTE_PROFILE);
        Bytes.put16(dst, off + 14, 1);
        dst[off + 16] = (byte) (transportCcId << 4 | 1); // id, length - 1 = 1: two value octets
        dst[off + 17] = 0;
        dst[off + 18] = 0;
        dst[off + 19] = 0; // RFC 8285 §4.2 padding to the word
        java.util.Arrays.fill(dst, off + HEADER_LENGTH, off + total - 1, (byte) 0);
        dst[off + total - 1] = (byte) padding;
        return total;
    }
}
