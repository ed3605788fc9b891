package io.confero.sfu.bwe;

/**
 * Groups received packets into send bursts and yields the deltas between consecutive groups
 * (draft-ietf-rmcat-gcc-02 §5.2; libwebrtc's {@code InterArrival}). A group holds the packets sent
 * within {@value #BURST_MICROS} µs of its first one; a packet sent later that arrives within the
 * same span after the group's last arrival, earlier than its send spacing would make it (a burst
 * queued behind something and released together), also joins it. Packets sent before the current
 * group (reordered) are skipped. Single-threaded.
 */
public final class InterArrival {
    /** Send-time span of one group. */
    public static final long BURST_MICROS = 5_000;

    /** Deltas between two consecutive complete groups, in µs (sizes in bytes). */
    public record Delta(long sendDeltaMicros, long arrivalDeltaMicros, long arrivalMicros, int sizeDelta) {
    }

    private boolean hasCurrent;
    private boolean hasPrevious;
    private long curFirstSend;
    private long curLastSend;
    private long curLastArrival;
    private int curSize;
    private long prevLastSend;
    private long prevLastArrival;
    private int prevSize;

    /** Feeds one received packet in send order; returns the deltas when it closes a group, else {@code null}. */
    public Delta onPacket(long sendMicros, long arrivalMicros, int sizeBytes) {
        if (!hasCurrent) {
            startGroup(sendMicros, arrivalMicros, sizeBytes);
            return null;
        }
        if (sendMicros < curFirstSend) {
            return null;
        }
        if (belongsToCurrent(sendMicros, arrivalMicros)) {
            curLastSend = Math.max(curLastSend, sendMicros);
            curLastArrival = Math.max(curLastArrival, arrivalMicros);
            curSize += sizeBytes;
            return null;
        }
        Delta d = null;
        if (hasPrevious) {
            long arrivalDelta = curLastArrival - prevLastArrival;
            if (arrivalDelta >= 0) {
                d = new Delta(curLastSend - prevLastSend, arrivalDelta, curLastArrival, curSize - prevSize);
            }
        }
        prevLastSend = curLastSend;
        prevLastArrival = curLastArrival;
        prevSize = curSize;
        hasPrevious = true;
        startGroup(sendMicros, arrivalMicros, sizeBytes);
        return d;
    }

    private boolean belongsToCurrent(long sendMicros, long arrivalMicros) {
        if (sendMicros - curFirstSend <= BURST_MICROS) {
            return true;
        }
        long arrivalDelta = arrivalMicros - curLastArrival;
        long sendDelta = sendMicros - curLastSend;
        return arrivalDelta >= 0 && arrivalDelta <= BURST_MICROS && arrivalDelta - sendDelta < 0;
    }

    private void startGroup(long sendMicros, long arrivalMicros, int sizeBytes) {
        hasCurrent = true;
        curFirstSend = sendMicros;
        curLastSend = sendMicros;
        curLastArrival = arrivalMicros;
        curSize = sizeBytes;
    }
}
