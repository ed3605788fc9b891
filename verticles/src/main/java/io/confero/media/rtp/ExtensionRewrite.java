package io.confero.media.rtp;

import java.util.Arrays;
import java.util.Map;

/**
 * Rewrites a packet's RTP header extension elements (RFC 8285) from the ids one peer negotiated to
 * the ids another peer negotiated, in place: each element whose id has a target is renamed to it,
 * every other element is neutralised by zeroing its bytes, which both forms read as padding
 * (RFC 8285 §4.2: a zero byte is padding in the one-byte form; §4.3 likewise in the two-byte form).
 * A malformed remainder of the block is zeroed too, so no element the receiver did not negotiate
 * can leak through under an id that means something else to it. Immutable; nothing here throws
 * on packet bytes.
 */
public final class ExtensionRewrite {
    /** Drops every element. */
    public static final ExtensionRewrite DROP_ALL = new ExtensionRewrite(new int[256]);

    /** Target id per source id; 0 = drop. */
    private final int[] target;

    private ExtensionRewrite(int[] target) {
        this.target = target;
    }

    /**
     * @param ids source id → target id (1 to 255); a source id not in the map is dropped
     * @throws IllegalArgumentException on an id outside 1–255 or two sources mapped to one target
     */
    public static ExtensionRewrite of(Map<Integer, Integer> ids) {
        int[] t = new int[256];
        boolean[] used = new boolean[256];
        ids.forEach((from, to) -> {
            if (from < 1 || from > 255 || to < 1 || to > 255) {
                throw new IllegalArgumentException("extension id out of 1-255: " + from + " -> " + to);
            }
            if (used[to]) {
                throw new IllegalArgumentException("two extensions mapped to id " + to);
            }
            used[to] = true;
            t[from] = to;
        });
        return new ExtensionRewrite(t);
    }

    /** The id element {@code id} is sent with, 0 when it is dropped. */
    public int target(int id) {
        return id >= 1 && id <= 255 ? target[id] : 0;
    }

    /** Rewrites the packet's extension block in place; a packet without one is left as it is. */
    public void apply(RtpPacket p) {
        if (RtpExtensions.isOneByte(p)) {
            applyOneByte(p);
        } else if (RtpExtensions.isTwoByte(p)) {
            applyTwoByte(p);
        }
    }

    private void applyOneByte(RtpPacket p) {
        byte[] b = p.buffer();
        int i = p.extensionDataOffset();
        int end = i + p.extensionDataLength();
        while (i < end) {
            int h = b[i] & 0xFF;
            int id = h >>> 4;
            if (id == 0) {
                b[i++] = 0;
                continue;
            }
            int next = i + 2 + (h & 0x0F);
            if (id == 15 || next > end) {
                Arrays.fill(b, i, end, (byte) 0);
                return;
            }
            int to = target[id];
            if (to == 0 || to > 14) {
                Arrays.fill(b, i, next, (byte) 0);
            } else {
                b[i] = (byte) ((to << 4) | (h & 0x0F));
            }
            i = next;
        }
    }

    private void applyTwoByte(RtpPacket p) {
        byte[] b = p.buffer();
        int i = p.extensionDataOffset();
        int end = i + p.extensionDataLength();
        while (i < end) {
            int id = b[i] & 0xFF;
            if (id == 0) {
                i++;
                continue;
            }
            int next = i + 2 + (i + 1 < end ? b[i + 1] & 0xFF : 0);
            if (i + 2 > end || next > end) {
                Arrays.fill(b, i, end, (byte) 0);
                return;
            }
            int to = target[id];
            if (to == 0) {
                Arrays.fill(b, i, next, (byte) 0);
            } else {
                b[i] = (byte) to;
            }
            i = next;
        }
    }
}
