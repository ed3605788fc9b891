package io.confero.media.srtp;

/**
 * A small bounded map from SSRC to per-SSRC crypto context, scanned linearly: a session holds a
 * handful of SSRCs, so this beats hashing and never boxes the key on the packet path.
 */
final class SsrcTable<T> {
    private final int[] keys;
    private final Object[] values;
    private int size;
    private int lastHit;

    SsrcTable(int capacity) {
        this.keys = new int[capacity];
        this.values = new Object[capacity];
    }

    @SuppressWarnings("unchecked")
    T get(int ssrc) {
        if (lastHit < size && keys[lastHit] == ssrc) {
            return (T) values[lastHit];
        }
        for (int i = 0; i < size; i++) {
            if (keys[i] == ssrc) {
                lastHit = i;
                return (T) values[i];
            }
        }
        return null;
    }

    boolean isFull() {
        return size == keys.length;
    }

    int size() {
        return size;
    }

    /** Adds a new entry; the caller has checked {@link #get} returned null and the table is not full. */
    void put(int ssrc, T value) {
        keys[size] = ssrc;
        values[size] = value;
        lastHit = size;
        size++;
    }

    void clear() {
        java.util.Arrays.fill(values, null);
        size = 0;
        lastHit = 0;
    }
}
