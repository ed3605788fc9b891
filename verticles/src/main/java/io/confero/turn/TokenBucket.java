package io.confero.turn;

/** Byte-rate cap per allocation: a token bucket holding at most one second of tokens; rate 0 = unlimited. */
final class TokenBucket {
    private final long bytesPerSecond;
    private double tokens;
    private long lastMillis;

    TokenBucket(long bytesPerSecond, long nowMillis) {
        this.bytesPerSecond = bytesPerSecond;
        this.tokens = bytesPerSecond;
        this.lastMillis = nowMillis;
    }

    boolean tryConsume(int bytes, long nowMillis) {
        if (bytesPerSecond == 0) {
            return true;
        }
        long elapsed = Math.max(0, nowMillis - lastMillis);
        lastMillis = Math.max(lastMillis, nowMillis);
        tokens = Math.min(bytesPerSecond, tokens + elapsed * bytesPerSecond / 1000.0);
        if (tokens < bytes) {
            return false;
        }
        tokens -= bytes;
        return true;
    }
}
