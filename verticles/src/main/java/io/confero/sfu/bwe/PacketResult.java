package io.confero.sfu.bwe;

/**
 * One sent packet as the subscriber's transport-cc feedback reported it.
 *
 * @param sendMicros when we sent it, on our clock
 * @param arrivalMicros when it arrived, on the subscriber's feedback clock; {@link #LOST} if reported not received
 * @param sizeBytes its size on the wire (RTP header and payload)
 * @param probeCluster the {@link ProbeCluster} it was sent in, {@link #NO_PROBE} for media
 */
public record PacketResult(long sendMicros, long arrivalMicros, int sizeBytes, int probeCluster) {
    /** Arrival time of a packet reported as not received. */
    public static final long LOST = Long.MIN_VALUE;
    /** The probe cluster of a packet that was not a probe. */
    public static final int NO_PROBE = -1;

    /** A media packet's result. */
    public PacketResult(long sendMicros, long arrivalMicros, int sizeBytes) {
        this(sendMicros, arrivalMicros, sizeBytes, NO_PROBE);
    }

    public boolean received() {
        return arrivalMicros != LOST;
    }
}
