package io.confero.media.rtp;

/** Big-endian (network order) helpers shared by the RTP and RTCP codecs. */
public final class Bytes {
    private Bytes() {
    }

    public static int u8(byte[] b, int i) { return b[i] & 0xFF; }

    public static int u16(byte[] b, int i) { return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF); }

    public static int u24(byte[] b, int i) {
        return ((b[i] & 0xFF) << 16) | ((b[i + 1] & 0xFF) << 8) | (b[i + 2] & 0xFF);
    }

    public static int i32(byte[] b, int i) {
        return ((b[i] & 0xFF) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
    }

    public static long u32(byte[] b, int i) { return i32(b, i) & 0xFFFFFFFFL; }

    public static long u64(byte[] b, int i) { return ((long) i32(b, i) << 32) | u32(b, i + 4); }

    public static void put16(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 8);
        b[i + 1] = (byte) v;
    }

    public static void put24(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 16);
        b[i + 1] = (byte) (v >>> 8);
        b[i + 2] = (byte) v;
    }

    public static void put32(byte[] b, int i, long v) {
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
    }

    public static void put64(byte[] b, int i, long v) {
        put32(b, i, v >>> 32);
        put32(b, i + 4, v);
    }
}
