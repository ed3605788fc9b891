package io.confero.sfu.forward;

/**
 * Keyframe detection on RTP payloads (the bytes after the RTP header, padding removed). A packet
 * is reported as a keyframe when it starts one, which is what a forwarder needs to switch.
 */
public final class VideoKeyframes {
    private static final int H264_IDR = 5;
    private static final int H264_SPS = 7;
    private static final int H264_STAP_A = 24;
    private static final int H264_FU_A = 28;

    private VideoKeyframes() {
    }

    /**
     * VP8 (RFC 7741 §4.2 payload descriptor, §4.3 payload header): start of partition 0
     * ({@code S=1, PID=0}) and the frame tag's P bit clear (RFC 6386 §9.1: 0 = key frame).
     */
    public static boolean isVp8Keyframe(byte[] b, int off, int len) {
        if (len < 1) {
            return false;
        }
        int b0 = b[off] & 0xFF;
        if ((b0 & 0x10) == 0 || (b0 & 0x07) != 0) {
            return false;
        }
        int i = 1;
        if ((b0 & 0x80) != 0) {
            if (len < 2) {
                return false;
            }
            int x = b[off + 1] & 0xFF;
            i = 2;
            if ((x & 0x80) != 0) {
                if (len <= i) {
                    return false;
                }
                i += (b[off + i] & 0x80) != 0 ? 2 : 1;
            }
            if ((x & 0x40) != 0) {
                i++;
            }
            if ((x & 0x30) != 0) {
                i++;
            }
        }
        return len > i && (b[off + i] & 0x01) == 0;
    }

    /**
     * H.264 (RFC 6184 §5): an IDR slice or SPS in a single NAL unit packet (§5.6), in any
     * aggregation unit of a STAP-A (§5.7.1), or at the start of an FU-A (§5.8, S bit).
     */
    public static boolean isH264Keyframe(byte[] b, int off, int len) {
        if (len < 1) {
            return false;
        }
        int type = b[off] & 0x1F;
        if (type == H264_IDR || type == H264_SPS) {
            return true;
        }
        if (type == H264_STAP_A) {
            return stapAHasKeyframe(b, off + 1, off + len);
        }
        if (type == H264_FU_A && len >= 2) {
            int fu = b[off + 1] & 0xFF;
            int inner = fu & 0x1F;
            return (fu & 0x80) != 0 && (inner == H264_IDR || inner == H264_SPS);
        }
        return false;
    }

    private static boolean stapAHasKeyframe(byte[] b, int i, int end) {
        while (i + 2 < end) {
            int size = ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
            if (size == 0 || i + 2 + size > end) {
                return false;
            }
            int type = b[i + 2] & 0x1F;
            if (type == H264_IDR || type == H264_SPS) {
                return true;
            }
            i += 2 + size;
        }
        return false;
    }

    /**
     * VP9 (RFC 9628 §4.2, basic): not inter-predicted ({@code P=0}), start of a frame
     * ({@code B=1}) and, with layer indices present, spatial layer 0.
     */
    public static boolean isVp9Keyframe(byte[] b, int off, int len) {
        if (len < 1) {
            return false;
        }
        int b0 = b[off] & 0xFF;
        boolean interPredicted = (b0 & 0x40) != 0;
        boolean begin = (b0 & 0x08) != 0;
        if (interPredicted || !begin) {
            return false;
        }
        if ((b0 & 0x20) == 0) {
            return true;
        }
        int i = 1;
        if ((b0 & 0x80) != 0) {
            if (len < 2) {
                return false;
            }
            i += (b[off + 1] & 0x80) != 0 ? 2 : 1;
        }
        return len > i && ((b[off + i] >>> 1) & 0x07) == 0;
    }
}
