package io.confero.sfu.simulcast;

/**
 * One layer's wallclock ↔ RTP clock pairing from its latest RTCP sender report (RFC 3550 §6.4.1):
 * the sender captured RTP timestamp {@code rtpTimestamp} at NTP time {@code ntpTimestamp}. All
 * layers of one publisher share the NTP clock, which is what lets a subscriber's timeline continue
 * exactly when the SFU switches between them.
 *
 * @param ntpTimestamp 64-bit NTP timestamp (seconds since 1900 in the upper 32 bits, fraction below)
 * @param rtpTimestamp unsigned 32-bit RTP timestamp
 */
public record SenderClock(long ntpTimestamp, long rtpTimestamp) {
    public SenderClock {
        if (rtpTimestamp < 0 || rtpTimestamp > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("rtpTimestamp is unsigned 32-bit: " + rtpTimestamp);
        }
    }

    /** The NTP time in ticks of {@code clockRate} (e.g. 90000 per second), rounded to the nearest tick. */
    public long ntpTicks(int clockRate) {
        long seconds = ntpTimestamp >>> 32;
        long fraction = ntpTimestamp & 0xFFFFFFFFL;
        return seconds * clockRate + ((fraction * clockRate + (1L << 31)) >>> 32);
    }
}
