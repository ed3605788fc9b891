package io.confero.sfu.forward;

import io.confero.media.rtp.SeqNum;

/**
 * Recently received RTP packets of one source SSRC, for answering NACKs (RFC 4585 §6.2.1) with
 * retransmissions. A ring of {@code capacity} slots (rounded up to a power of two) indexed by
 * extended sequence number; packets older than {@code maxAgeMillis} or outside the ring are gone.
 * Bytes are copied in; slot buffers are reused. Single-threaded.
 */
public final class PacketCache {
    private static final long NONE = Long.MIN_VALUE;

    private final Entry[] slots;
    private final int mask;
    private final long maxAgeMillis;
    private long highest = NONE;

    /** A cached packet. Valid until the next {@link #put}; copy it if it must live longer. */
    public static final class Entry {
        private byte[] buf = new byte[0];
        private int length;
        private long ext = NONE;
        private long arrivalMillis;

        public byte[] buffer() { return buf; }
        public int length() { return length; }
        public int sequenceNumber() { return (int) (ext & 0xFFFF); }
        public long arrivalMillis() { return arrivalMillis; }
    }

    public PacketCache(int capacity, long maxAgeMillis) {
        if (capacity < 1 || capacity > (1 << 15) || maxAgeMillis <= 0) {
            throw new IllegalArgumentException("capacity 1..32768 and positive age required");
        }
        int size = Integer.highestOneBit(capacity - 1 == 0 ? 1 : (capacity - 1) << 1);
        this.slots = new Entry[size];
        for (int i = 0; i < size; i++) {
            slots[i] = new Entry();
        }
        this.mask = size - 1;
        this.maxAgeMillis = maxAgeMillis;
    }

    /** Default sizing: 1024 packets, 1 s. */
    public static PacketCache withDefaults() {
        return new PacketCache(1024, 1000);
    }

    public int capacity() { return slots.length; }

    private long extend(int seq) {
        return highest == NONE ? seq & 0xFFFF : highest + SeqNum.diff(seq, (int) (highest & 0xFFFF));
    }

    /** Copies a packet into the cache. Packets older than the ring's window are ignored. */
    public void put(int seq, byte[] buf, int off, int len, long arrivalMillis) {
        long ext = extend(seq);
        if (highest != NONE && highest - ext >= slots.length) {
            return;
        }
        if (highest == NONE || ext > highest) {
            highest = ext;
        }
        Entry e = slots[(int) (ext & mask)];
        if (e.buf.length < len) {
            e.buf = new byte[Math.max(len, 1500)];
        }
        System.arraycopy(buf, off, e.buf, 0, len);
        e.length = len;
        e.ext = ext;
        e.arrivalMillis = arrivalMillis;
    }

    /** The cached packet with {@code seq}, or {@code null} if absent, overwritten or expired. */
    public Entry get(int seq, long nowMillis) {
        if (highest == NONE) {
            return null;
        }
        long ext = extend(seq);
        if (ext > highest || highest - ext >= slots.length) {
            return null;
        }
        Entry e = slots[(int) (ext & mask)];
        if (e.ext != ext || nowMillis - e.arrivalMillis > maxAgeMillis) {
            return null;
        }
        return e;
    }

    /** Copies the packet with {@code seq} to {@code dst}; returns its length or -1 if not cached. */
    public int copyTo(int seq, long nowMillis, byte[] dst, int dstOff) {
        Entry e = get(seq, nowMillis);
        if (e == null) {
            return -1;
        }
        System.arraycopy(e.buf, 0, dst, dstOff, e.length);
        return e.length;
    }
}
