package io.confero.sfu.simulcast;

/**
 * What each layer of one producer is doing: whether packets still arrive, at what bitrate, and
 * the frame height its last key frame announced. One per producer; fed by every media packet on
 * the worker's event loop; the time comes with each call (monotonic nanoseconds).
 *
 * <p>A layer is arriving while its last packet is at most {@code staleAfterNanos} old: a paused
 * encoding (dynacast) or one the publisher's encoder dropped for CPU or bandwidth stops, and
 * subscribers fall to a layer that still arrives. The bitrate is the bytes of the last complete
 * one-second window.
 */
public final class LayerActivity {
    private static final long WINDOW_NANOS = 1_000_000_000L;

    private final long staleAfterNanos;
    private final long[] lastPacket;
    private final boolean[] seen;
    private final long[] windowStart;
    private final long[] windowBytes;
    private final long[] bitrate;
    private final int[] height;

    public LayerActivity(int layers, long staleAfterNanos) {
        if (layers < 1 || staleAfterNanos <= 0) {
            throw new IllegalArgumentException("layers >= 1 and staleAfterNanos > 0");
        }
        this.staleAfterNanos = staleAfterNanos;
        lastPacket = new long[layers];
        seen = new boolean[layers];
        windowStart = new long[layers];
        windowBytes = new long[layers];
        bitrate = new long[layers];
        height = new int[layers];
    }

    public int layerCount() { return lastPacket.length; }

    /** One media packet of {@code layer} ({@code bytes} long) arrived. */
    public void onPacket(int layer, int bytes, long nowNanos) {
        if (!seen[layer] || nowNanos - windowStart[layer] >= 2 * WINDOW_NANOS) {
            bitrate[layer] = seen[layer] ? windowBytes[layer] * 8 * WINDOW_NANOS / Math.max(1, nowNanos - windowStart[layer]) : 0;
            windowStart[layer] = nowNanos;
            windowBytes[layer] = 0;
        } else if (nowNanos - windowStart[layer] >= WINDOW_NANOS) {
            bitrate[layer] = windowBytes[layer] * 8;
            windowStart[layer] += WINDOW_NANOS;
            windowBytes[layer] = 0;
        }
        windowBytes[layer] += bytes;
        lastPacket[layer] = nowNanos;
        seen[layer] = true;
    }

    /** A key frame of {@code layer} announced its frame height (e.g. {@link Vp8Descriptor#keyframeHeight}). */
    public void onKeyframeHeight(int layer, int frameHeight) {
        if (frameHeight > 0) {
            height[layer] = frameHeight;
        }
    }

    public boolean isArriving(int layer, long nowNanos) {
        return seen[layer] && nowNanos - lastPacket[layer] <= staleAfterNanos;
    }

    /** Bits per second over the last complete second, 0 while unknown or stopped. */
    public long bitrate(int layer, long nowNanos) {
        return isArriving(layer, nowNanos) ? bitrate[layer] : 0;
    }

    /** The snapshot a {@link LayerSelector} decides on. */
    public LayerSelector.Layer[] snapshot(long nowNanos) {
        LayerSelector.Layer[] out = new LayerSelector.Layer[lastPacket.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = new LayerSelector.Layer(height[i], isArriving(i, nowNanos), bitrate(i, nowNanos));
        }
        return out;
    }
}
