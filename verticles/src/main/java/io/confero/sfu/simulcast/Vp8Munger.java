package io.confero.sfu.simulcast;

/**
 * Keeps the VP8 payload descriptor of one subscriber's outgoing stream continuous while the SFU
 * forwards different simulcast layers into it (RFC 7741 §4.2), as LiveKit's VP8 munger and Jitsi's
 * VP8 adaptive source projection do: each layer's encoder numbers its pictures independently, so
 * without rewriting the decoder sees PictureID, TL0PICIDX and KEYIDX jump at every switch.
 *
 * <p>Invariants:
 * <ul>
 *   <li>within one segment (packets of one layer since it was switched to) each field is the
 *       source value plus a fixed offset, so reordered packets and gaps keep their distances;
 *   <li>the first packet of a new segment gets PictureID = highest PictureID sent + 1,
 *       TL0PICIDX = highest sent + 1 and KEYIDX = last sent + 1 (a new key frame structure), all
 *       modulo their widths (2^15 or 2^7, 2^8, 2^5); the very first segment keeps the source values;
 *   <li>a field the packet does not carry is neither read nor written.
 * </ul>
 * One instance per outgoing stream; single-threaded; pure (no clock, no I/O).
 */
public final class Vp8Munger {
    private boolean started;
    private long highestOutPicture = -1;
    private long highestOutTl0 = -1;
    private int lastOutKeyIdx = -1;

    private long pictureOffset;
    private long tl0Offset;
    private int keyIdxOffset;
    private long highestSrcPicture = Long.MIN_VALUE;
    private long highestSrcTl0 = Long.MIN_VALUE;

    /**
     * The rewritten fields of one forwarded packet; the caller writes them with
     * {@link Vp8Descriptor#write}.
     *
     * @param newSegment true on the first packet of a newly selected layer (the forwarder's
     *     {@code sourceSwitched}, which is a key frame)
     */
    public Vp8Rewrite munge(Vp8Descriptor d, boolean newSegment) {
        if (newSegment || !started) {
            startSegment(d);
        }
        int picture = -1;
        if (d.hasPictureId()) {
            long ext = unwrapPicture(d);
            long out = ext + pictureOffset;
            highestOutPicture = Math.max(highestOutPicture, out);
            picture = (int) Math.floorMod(out, (long) (d.pictureIdBits() == 15 ? Vp8Descriptor.PICTURE_ID_MOD_15
                : Vp8Descriptor.PICTURE_ID_MOD_7));
        }
        int tl0 = -1;
        if (d.tl0PicIdx() >= 0) {
            long ext = highestSrcTl0 == Long.MIN_VALUE ? d.tl0PicIdx()
                : unwrap(highestSrcTl0, d.tl0PicIdx(), Vp8Descriptor.TL0_MOD);
            highestSrcTl0 = Math.max(highestSrcTl0, ext);
            long out = ext + tl0Offset;
            highestOutTl0 = Math.max(highestOutTl0, out);
            tl0 = (int) Math.floorMod(out, (long) Vp8Descriptor.TL0_MOD);
        }
        int keyIdx = -1;
        if (d.keyIdx() >= 0) {
            keyIdx = (d.keyIdx() + keyIdxOffset) & (Vp8Descriptor.KEYIDX_MOD - 1);
            lastOutKeyIdx = keyIdx;
        }
        return new Vp8Rewrite(picture, tl0, keyIdx);
    }

    private void startSegment(Vp8Descriptor d) {
        highestSrcPicture = Long.MIN_VALUE;
        highestSrcTl0 = Long.MIN_VALUE;
        if (d.hasPictureId()) {
            pictureOffset = started && highestOutPicture >= 0 ? highestOutPicture + 1 - d.pictureId() : 0;
        }
        if (d.tl0PicIdx() >= 0) {
            tl0Offset = started && highestOutTl0 >= 0 ? highestOutTl0 + 1 - d.tl0PicIdx() : 0;
        }
        if (d.keyIdx() >= 0) {
            keyIdxOffset = started && lastOutKeyIdx >= 0 ? lastOutKeyIdx + 1 - d.keyIdx() : 0;
        }
        started = true;
    }

    private long unwrapPicture(Vp8Descriptor d) {
        int mod = d.pictureIdBits() == 15 ? Vp8Descriptor.PICTURE_ID_MOD_15 : Vp8Descriptor.PICTURE_ID_MOD_7;
        long ext = highestSrcPicture == Long.MIN_VALUE ? d.pictureId() : unwrap(highestSrcPicture, d.pictureId(), mod);
        highestSrcPicture = Math.max(highestSrcPicture, ext);
        return ext;
    }

    /** The extended value nearest {@code highest} whose residue modulo {@code mod} is {@code value}. */
    static long unwrap(long highest, int value, int mod) {
        long diff = Math.floorMod(value - highest, (long) mod);
        if (diff >= mod / 2) {
            diff -= mod;
        }
        return highest + diff;
    }

    /** The rewritten VP8 descriptor fields of one packet; -1 for a field the packet lacks. */
    public record Vp8Rewrite(int pictureId, int tl0PicIdx, int keyIdx) {
        /** Writes these values into the packet whose descriptor {@code d} was parsed from {@code buf}. */
        public void applyTo(Vp8Descriptor d, byte[] buf) {
            d.write(buf, pictureId, tl0PicIdx, keyIdx);
        }
    }
}
