package io.confero.sfu.bwe;

/**
 * One sent packet as the subscriber's transport-cc feedback reported it.
 *
 * @param sendMicros when we sent it, on our clock
 * @param arrivalMicros when it arrived, on the subscriber's feedback clock; {@link #LOST} if reported not received
 * @param sizeBytes its size on the wire (RTP header and payload)
 */
public record PacketResult(long sendMicros, long arrivalMicros, int sizeBytes) {
    /** Arrival time of a packet reported as not received. */
    public static final long LOST = Long.MIN_VALUE;

    public boolean received() {
        return arrivalMicros != LOST;
    }
}
