package io.confero.media.rtp;

import java.nio.charset.StandardCharsets;

/**
 * RTP header extension elements (RFC 8285): one-byte form (profile {@code 0xBEDE}, §4.2) and
 * two-byte form (profile {@code 0x100x}, §4.3), plus typed accessors for the extensions WebRTC
 * negotiates. Extension ids are the ones negotiated in SDP ({@code a=extmap}).
 *
 * <p>Malformed element lists are treated as "not found"; nothing here throws on packet bytes.
 */
public final class RtpExtensions {
    /** Profile value of the one-byte header form (RFC 8285 §4.2). */
    public static final int ONE_BYTE_PROFILE = 0xBEDE;
    /** Profile value (upper 12 bits) of the two-byte header form (RFC 8285 §4.3). */
    public static final int TWO_BYTE_PROFILE = 0x1000;

    private RtpExtensions() {
    }

    /** Whether the packet carries a one-byte form extension block. */
    public static boolean isOneByte(RtpPacket p) { return p.extensionProfile() == ONE_BYTE_PROFILE; }

    /** Whether the packet carries a two-byte form extension block ({@code 0x100x}). */
    public static boolean isTwoByte(RtpPacket p) {
        int profile = p.extensionProfile();
        return profile >= 0 && (profile & 0xFFF0) == TWO_BYTE_PROFILE;
    }

    /**
     * Finds element {@code id} and returns the absolute offset of its value in
     * {@code p.buffer()}, or -1 if absent or the block is malformed.
     */
    public static int find(RtpPacket p, int id) {
        if (isOneByte(p)) {
            return id >= 1 && id <= 14 ? findOneByte(p, id) : -1;
        }
        if (isTwoByte(p)) {
            return id >= 1 && id <= 255 ? findTwoByte(p, id) : -1;
        }
        return -1;
    }

    /** Length of the value found at {@code valueOffset} by {@link #find(RtpPacket, int)}. */
    public static int valueLength(RtpPacket p, int valueOffset) {
        int b = p.buffer()[valueOffset - 1] & 0xFF;
        return isOneByte(p) ? (b & 0x0F) + 1 : b;
    }

    private static int findOneByte(RtpPacket p, int id) {
        byte[] b = p.buffer();
        int i = p.extensionDataOffset();
        int end = i + p.extensionDataLength();
        while (i < end) {
            int h = b[i] & 0xFF;
            int elId = h >>> 4;
            if (elId == 0) {
                i++;
                continue;
            }
            if (elId == 15) {
                return -1;
            }
            int valLen = (h & 0x0F) + 1;
            if (i + 1 + valLen > end) {
                return -1;
            }
            if (elId == id) {
                return i + 1;
            }
            i += 1 + valLen;
        }
        return -1;
    }

    private static int findTwoByte(RtpPacket p, int id) {
        byte[] b = p.buffer();
        int i = p.extensionDataOffset();
        int end = i + p.extensionDataLength();
        while (i < end) {
            int elId = b[i] & 0xFF;
            if (elId == 0) {
                i++;
                continue;
            }
            if (i + 2 > end) {
                return -1;
            }
            int valLen = b[i + 1] & 0xFF;
            if (i + 2 + valLen > end) {
                return -1;
            }
            if (elId == id) {
                return i + 2;
            }
            i += 2 + valLen;
        }
        return -1;
    }

    /** Reads element {@code id} as a UTF-8 string, or {@code null} when absent. */
    public static String readString(RtpPacket p, int id) {
        int at = find(p, id);
        if (at < 0) {
            return null;
        }
        byte[] b = p.buffer();
        int n = valueLength(p, at);
        while (n > 0 && b[at + n - 1] == 0) {
            n--;
        }
        return new String(b, at, n, StandardCharsets.UTF_8);
    }

    /** {@code urn:ietf:params:rtp-hdrext:sdes:mid} (RFC 8843 §15), or {@code null}. */
    public static String mid(RtpPacket p, int id) { return readString(p, id); }

    /** {@code urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id} (RFC 8852 §3.1), or {@code null}. */
    public static String rtpStreamId(RtpPacket p, int id) { return readString(p, id); }

    /** {@code ...sdes:repaired-rtp-stream-id} (RFC 8852 §3.2), or {@code null}. */
    public static String repairedRtpStreamId(RtpPacket p, int id) { return readString(p, id); }

    /**
     * Audio level (RFC 6464 §3): the level in -dBov, 0 (loudest) to 127 (silence), or -1 when
     * absent or empty.
     */
    public static int audioLevel(RtpPacket p, int id) {
        int at = find(p, id);
        return at < 0 ? -1 : p.buffer()[at] & 0x7F;
    }

    /** RFC 6464 §3 V flag (voice activity); false when the element is absent. */
    public static boolean voiceActivity(RtpPacket p, int id) {
        int at = find(p, id);
        return at >= 0 && (p.buffer()[at] & 0x80) != 0;
    }

    /**
     * {@code abs-send-time} (webrtc.org http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time):
     * 24-bit 6.18 fixed-point seconds, or -1 when absent or shorter than 3 bytes.
     */
    public static int absSendTime(RtpPacket p, int id) {
        int at = find(p, id);
        if (at < 0 || valueLength(p, at) < 3) {
            return -1;
        }
        return Bytes.u24(p.buffer(), at);
    }

    /**
     * Transport-wide sequence number (draft-holmer-rmcat-transport-wide-cc-extensions-01 §2),
     * 16-bit, or -1 when absent or shorter than 2 bytes.
     */
    public static int transportSequence(RtpPacket p, int id) {
        int at = find(p, id);
        if (at < 0 || valueLength(p, at) < 2) {
            return -1;
        }
        return Bytes.u16(p.buffer(), at);
    }

    /**
     * Overwrites the transport-wide sequence number in place (used to stamp our own sequence on
     * forwarded packets).
     *
     * @return false when the packet carries no such element of at least 2 bytes
     */
    public static boolean setTransportSequence(RtpPacket p, int id, int seq) {
        int at = find(p, id);
        if (at < 0 || valueLength(p, at) < 2) {
            return false;
        }
        Bytes.put16(p.buffer(), at, seq);
        return true;
    }

    /**
     * Renames element {@code fromId} to {@code toId} in place (RFC 8285 §4.2 one-byte form: the
     * high nibble of its header; §4.3 two-byte form: its first byte), so a receiver that negotiated
     * other ids than the sender finds it under its own id, or, renamed to an id it never
     * negotiated, ignores it. The value is untouched.
     *
     * @return false when the packet has no element {@code fromId} or {@code toId} does not fit the form
     */
    public static boolean rename(RtpPacket p, int fromId, int toId) {
        int at = find(p, fromId);
        if (at < 0) {
            return false;
        }
        byte[] b = p.buffer();
        if (isOneByte(p)) {
            if (toId < 1 || toId > 14) {
                return false;
            }
            b[at - 1] = (byte) ((toId << 4) | (b[at - 1] & 0x0F));
        } else {
            if (toId < 1 || toId > 255) {
                return false;
            }
            b[at - 2] = (byte) toId;
        }
        return true;
    }
}
