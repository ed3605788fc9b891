package io.confero.sfu.bwe;

/**
 * One probe: a short train of padding packets sent at {@code targetBps}, so the subscriber's
 * transport-cc feedback shows whether the path carries that rate (libwebrtc's {@code ProbeClusterConfig}:
 * at least {@value #MIN_PACKETS} packets and {@value #MIN_DURATION_MICROS} µs). Packet {@code i} is due
 * {@link #offsetMicros(int)} after the first.
 *
 * @param id the cluster's number, stamped on its packets in the send history
 * @param targetBps the rate the train is paced at
 * @param packets how many packets the train has
 * @param packetBytes each packet's size as the estimator counts it (RTP header and payload)
 */
public record ProbeCluster(int id, long targetBps, int packets, int packetBytes) {
    static final int MIN_PACKETS = 5;
    static final long MIN_DURATION_MICROS = 25_000;

    public ProbeCluster {
        if (id < 0 || targetBps <= 0 || packets < 1 || packetBytes < 1) {
            throw new IllegalArgumentException("probe cluster " + id + ": " + packets + " x " + packetBytes + " B at "
                + targetBps + " bit/s");
        }
    }

    /**
     * A cluster long enough to measure {@code targetBps}: packets of at most {@code maxPacketBytes}
     * and at least {@code minPacketBytes}, smaller ones at low rates so that a probe of a thin link
     * lasts {@value #MIN_DURATION_MICROS} µs rather than queueing {@value #MIN_PACKETS} full packets.
     */
    public static ProbeCluster of(int id, long targetBps, int minPacketBytes, int maxPacketBytes) {
        long bytes = targetBps * MIN_DURATION_MICROS / 8_000_000;
        int size = (int) Math.max(minPacketBytes, Math.min(maxPacketBytes, bytes / MIN_PACKETS));
        int packets = (int) Math.max(MIN_PACKETS, Math.min(1000, (bytes + size - 1) / size));
        return new ProbeCluster(id, targetBps, packets, size);
    }

    /** When packet {@code index} is due, µs after the first was sent. */
    public long offsetMicros(int index) {
        return index * (long) packetBytes * 8_000_000L / targetBps;
    }
}
