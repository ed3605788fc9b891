package io.confero.sfu.bwe;

/**
 * The rate at which the subscriber received our packets: acknowledged bytes over a sliding window of
 * {@value #WINDOW_MICROS} µs of their arrival times (the role of libwebrtc's
 * {@code AcknowledgedBitrateEstimator}; a plain window rather than its Bayesian estimate). Unknown
 * (-1) until the acknowledged packets span at least {@value #MIN_SPAN_MICROS} µs. Arrival times
 * running backwards (a reset receiver clock) restart the window.
 */
public final class AckedBitrateEstimator {
    public static final long WINDOW_MICROS = 500_000;
    public static final long MIN_SPAN_MICROS = 150_000;
    private static final int CAPACITY = 4096;

    private final long[] arrivals = new long[CAPACITY];
    private final int[] sizes = new int[CAPACITY];
    private int head;
    private int size;
    private long bytes;

    public void onAcked(long arrivalMicros, int sizeBytes) {
        if (size > 0 && arrivalMicros < arrivals[(head + size - 1) % CAPACITY] - WINDOW_MICROS) {
            head = 0;
            size = 0;
            bytes = 0;
        }
        if (size == CAPACITY) {
            evictOldest();
        }
        int slot = (head + size) % CAPACITY;
        arrivals[slot] = arrivalMicros;
        sizes[slot] = sizeBytes;
        size++;
        bytes += sizeBytes;
        while (size > 1 && arrivalMicros - arrivals[head] > WINDOW_MICROS) {
            evictOldest();
        }
    }

    /** Bits per second acknowledged over the window, -1 while unknown. */
    public long bitrateBps() {
        if (size < 2) {
            return -1;
        }
        long span = arrivals[(head + size - 1) % CAPACITY] - arrivals[head];
        if (span < MIN_SPAN_MICROS) {
            return -1;
        }
        return (bytes - sizes[head]) * 8L * 1_000_000L / span;
    }

    private void evictOldest() {
        bytes -= sizes[head];
        head = (head + 1) % CAPACITY;
        size--;
    }
}
