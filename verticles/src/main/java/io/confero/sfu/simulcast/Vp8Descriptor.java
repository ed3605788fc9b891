package io.confero.sfu.simulcast;

/**
 * The VP8 payload descriptor at the start of an RTP payload (RFC 7741 §4.2), parsed in place:
 *
 * <pre>
 *       0 1 2 3 4 5 6 7
 *      +-+-+-+-+-+-+-+-+
 *      |X|R|N|S|R| PID | (required)
 *      +-+-+-+-+-+-+-+-+
 * X:   |I|L|T|K| RSV   | (optional)
 *      +-+-+-+-+-+-+-+-+
 * I:   |M| PictureID   | (optional, 7 or, with M, 15 bits)
 *      +-+-+-+-+-+-+-+-+
 *      |   PictureID   |
 *      +-+-+-+-+-+-+-+-+
 * L:   |   TL0PICIDX   | (optional)
 *      +-+-+-+-+-+-+-+-+
 * T/K: |TID|Y| KEYIDX  | (optional)
 *      +-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Absent fields read as -1. {@link #write} rewrites PictureID, TL0PICIDX and KEYIDX in place
 * without changing the descriptor's length (a 7-bit PictureID stays 7 bits).
 *
 * @param offset where the descriptor starts in the buffer it was parsed from
 * @param length descriptor length in bytes; the VP8 payload header follows
 * @param pictureIdBits 7 or 15, or 0 without a PictureID
 */
public record Vp8Descriptor(int offset, int length, boolean start, int partition, boolean nonReference,
                            int pictureIdBits, int pictureId, int tl0PicIdx, int tid, boolean layerSync,
                            int keyIdx, boolean keyframe) {
    /** The modulus of the 7-bit and 15-bit PictureID (RFC 7741 §4.2). */
    public static final int PICTURE_ID_MOD_15 = 1 << 15;
    public static final int PICTURE_ID_MOD_7 = 1 << 7;
    /** The modulus of TL0PICIDX (8 bits) and KEYIDX (5 bits). */
    public static final int TL0_MOD = 1 << 8;
    public static final int KEYIDX_MOD = 1 << 5;

    /**
     * Parses the descriptor of the RTP payload {@code buf[off, off + len)}.
     *
     * @return the descriptor, or null when the bytes are too short for the fields their flags
     *     announce (never throws on packet bytes)
     */
    public static Vp8Descriptor parse(byte[] buf, int off, int len) {
        if (len < 1 || off < 0 || off + len > buf.length) {
            return null;
        }
        int b0 = buf[off] & 0xFF;
        int i = 1;
        int bits = 0;
        int pictureId = -1;
        int tl0 = -1;
        int tid = -1;
        boolean sync = false;
        int keyIdx = -1;
        if ((b0 & 0x80) != 0) {
            if (len < 2) {
                return null;
            }
            int x = buf[off + 1] & 0xFF;
            i = 2;
            if ((x & 0x80) != 0) {
                if (len <= i) {
                    return null;
                }
                int p = buf[off + i] & 0xFF;
                if ((p & 0x80) != 0) {
                    if (len <= i + 1) {
                        return null;
                    }
                    bits = 15;
                    pictureId = (p & 0x7F) << 8 | buf[off + i + 1] & 0xFF;
                    i += 2;
                } else {
                    bits = 7;
                    pictureId = p;
                    i++;
                }
            }
            if ((x & 0x40) != 0) {
                if (len <= i) {
                    return null;
                }
                tl0 = buf[off + i++] & 0xFF;
            }
            if ((x & 0x30) != 0) {
                if (len <= i) {
                    return null;
                }
                int tk = buf[off + i++] & 0xFF;
                if ((x & 0x20) != 0) {
                    tid = tk >>> 6;
                    sync = (tk & 0x20) != 0;
                }
                if ((x & 0x10) != 0) {
                    keyIdx = tk & 0x1F;
                }
            }
        }
        boolean start = (b0 & 0x10) != 0;
        int partition = b0 & 0x07;
        boolean keyframe = start && partition == 0 && len > i && (buf[off + i] & 0x01) == 0;
        return new Vp8Descriptor(off, i, start, partition, (b0 & 0x20) != 0, bits, pictureId, tl0, tid, sync,
            keyIdx, keyframe);
    }

    /**
     * The frame height from a key frame's uncompressed data chunk (RFC 6386 §9.1: 3-byte frame
     * tag, start code {@code 9d 01 2a}, 14-bit width, 14-bit height, little endian), or -1.
     */
    public int keyframeHeight(byte[] buf, int payloadEnd) {
        int h = offset + length;
        if (!keyframe || payloadEnd > buf.length || payloadEnd - h < 10 || (buf[h + 3] & 0xFF) != 0x9D
                || (buf[h + 4] & 0xFF) != 0x01 || (buf[h + 5] & 0xFF) != 0x2A) {
            return -1;
        }
        return ((buf[h + 9] & 0x3F) << 8) | (buf[h + 8] & 0xFF);
    }

    public boolean hasPictureId() { return pictureIdBits != 0; }

    /**
     * Writes the present fields among PictureID (masked to its width), TL0PICIDX and KEYIDX into
     * {@code buf} at this descriptor's offset; absent fields are left absent.
     */
    public void write(byte[] buf, int newPictureId, int newTl0PicIdx, int newKeyIdx) {
        int i = offset + 2;
        if (pictureIdBits == 15) {
            buf[i] = (byte) (0x80 | (newPictureId >>> 8) & 0x7F);
            buf[i + 1] = (byte) newPictureId;
            i += 2;
        } else if (pictureIdBits == 7) {
            buf[i++] = (byte) (newPictureId & 0x7F);
        }
        if (tl0PicIdx >= 0) {
            buf[i++] = (byte) newTl0PicIdx;
        }
        if (keyIdx >= 0) {
            buf[i] = (byte) (buf[i] & 0xE0 | newKeyIdx & 0x1F);
        }
    }
}
