package io.confero.media.srtp;

import java.util.Arrays;

/**
 * A bounded map from SSRC to per-SSRC crypto context: open addressing with linear probing over a
 * power-of-two table at most half full, so a lookup is a probe or two whether a session carries two
 * SSRCs (a publisher) or hundreds (a subscriber in a large meeting); the key is never boxed on the
 * packet path. Entries can be removed (backward-shift deletion, no tombstones).
 */
final class SsrcTable<T> {
    private final int[] keys;
    private final Object[] values;
    private final int mask;
    private final int capacity;
    private int size;

    SsrcTable(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        int slots = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) << 1;
        this.keys = new int[slots];
        this.values = new Object[slots];
        this.mask = slots - 1;
        this.capacity = capacity;
    }

    private int slot(int ssrc) {
        int h = ssrc * 0x9E3779B9; // Fibonacci hashing spreads sequential and random SSRCs alike
        return (h ^ (h >>> 16)) & mask;
    }

    @SuppressWarnings("unchecked")
    T get(int ssrc) {
        for (int i = slot(ssrc); values[i] != null; i = (i + 1) & mask) {
            if (keys[i] == ssrc) {
                return (T) values[i];
            }
        }
        return null;
    }

    boolean isFull() {
        return size == capacity;
    }

    int size() {
        return size;
    }

    /** Adds a new entry; the caller has checked {@link #get} returned null and the table is not full. */
    void put(int ssrc, T value) {
        int i = slot(ssrc);
        while (values[i] != null) {
            i = (i + 1) & mask;
        }
        keys[i] = ssrc;
        values[i] = value;
        size++;
    }

    /** Removes and returns the entry for {@code ssrc}, or null when there is none. */
    @SuppressWarnings("unchecked")
    T remove(int ssrc) {
        int i = slot(ssrc);
        while (values[i] != null && keys[i] != ssrc) {
            i = (i + 1) & mask;
        }
        if (values[i] == null) {
            return null;
        }
        T removed = (T) values[i];
        values[i] = null;
        size--;
        // move later entries of the same probe run back so every lookup still finds them
        for (int j = (i + 1) & mask; values[j] != null; j = (j + 1) & mask) {
            int home = slot(keys[j]);
            boolean movable = i <= j ? home <= i || home > j : home <= i && home > j;
            if (movable) {
                keys[i] = keys[j];
                values[i] = values[j];
                values[j] = null;
                i = j;
            }
        }
        return removed;
    }

    void clear() {
        Arrays.fill(values, null);
        size = 0;
    }
}
