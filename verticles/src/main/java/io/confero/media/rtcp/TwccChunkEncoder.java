package io.confero.media.rtcp;

import io.confero.media.rtp.Bytes;

/**
 * Chooses packet status chunks for transport-cc feedback
 * (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1.3 run length, §3.1.4 status vector)
 * with the same policy as libwebrtc's {@code TransportFeedback::LastChunk}, so our feedback is
 * byte-identical to Chromium's for the same statuses: symbols accumulate while they fit a 2-bit
 * vector (7), a 1-bit vector (14, no large deltas) or a run (up to 8191 equal symbols); a full
 * chunk is emitted as a run if all equal, else as a 1-bit vector of 14, else as a 2-bit vector of
 * the first 7. The last chunk is a run if all equal, a 2-bit vector if ≤7, else a 1-bit vector.
 */
final class TwccChunkEncoder {
    private static final int TWO_BIT_CAPACITY = 7;
    private static final int ONE_BIT_CAPACITY = 14;
    private static final int MAX_RUN = 0x1FFF;

    private final byte[] sizes = new byte[ONE_BIT_CAPACITY];
    private int size;
    private boolean allSame = true;
    private boolean hasLarge;

    private TwccChunkEncoder() {
    }

    /** Writes chunks to {@code out} at {@code at} (or only counts when {@code out} is null). */
    static int encode(byte[] symbols, byte[] out, int at) {
        TwccChunkEncoder last = new TwccChunkEncoder();
        int bytes = 0;
        for (byte s : symbols) {
            if (!last.canAdd(s)) {
                bytes = put(out, at, bytes, last.emit());
            }
            last.add(s);
        }
        if (last.size > 0) {
            bytes = put(out, at, bytes, last.encodeLast());
        }
        return bytes;
    }

    private static int put(byte[] out, int at, int bytes, int chunk) {
        if (out != null) {
            Bytes.put16(out, at + bytes, chunk);
        }
        return bytes + 2;
    }

    private boolean canAdd(byte s) {
        if (size < TWO_BIT_CAPACITY) {
            return true;
        }
        if (size < ONE_BIT_CAPACITY && !hasLarge && s <= 1) {
            return true;
        }
        return size < MAX_RUN && allSame && sizes[0] == s;
    }

    private void add(byte s) {
        if (size < ONE_BIT_CAPACITY) {
            sizes[size] = s;
        }
        size++;
        allSame = allSame && s == sizes[0];
        hasLarge = hasLarge || s > 1;
    }

    private int emit() {
        if (allSame) {
            int chunk = runLength();
            clear();
            return chunk;
        }
        if (size == ONE_BIT_CAPACITY) {
            int chunk = oneBit();
            clear();
            return chunk;
        }
        int chunk = twoBit(TWO_BIT_CAPACITY);
        int rest = size - TWO_BIT_CAPACITY;
        System.arraycopy(sizes, TWO_BIT_CAPACITY, sizes, 0, rest);
        size = rest;
        allSame = true;
        hasLarge = false;
        for (int i = 0; i < size; i++) {
            allSame = allSame && sizes[i] == sizes[0];
            hasLarge = hasLarge || sizes[i] > 1;
        }
        return chunk;
    }

    private int encodeLast() {
        if (allSame) {
            return runLength();
        }
        return size <= TWO_BIT_CAPACITY ? twoBit(size) : oneBit();
    }

    private int runLength() { return (sizes[0] << 13) | size; }

    private int oneBit() {
        int chunk = 0x8000;
        for (int i = 0; i < size; i++) {
            chunk |= sizes[i] << (ONE_BIT_CAPACITY - 1 - i);
        }
        return chunk;
    }

    private int twoBit(int n) {
        int chunk = 0xC000;
        for (int i = 0; i < n; i++) {
            chunk |= sizes[i] << (2 * (TWO_BIT_CAPACITY - 1 - i));
        }
        return chunk;
    }

    private void clear() {
        size = 0;
        allSame = true;
        hasLarge = false;
    }
}
