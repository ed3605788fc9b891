package io.confero.sfu.bwe;

import java.util.Arrays;
import java.util.Objects;

/**
 * What one subscribed track could use: its layers' bitrates (lowest layer first; audio has one) and
 * the highest layer worth sending (from the tile size; -1 when the tile is hidden).
 *
 * @param trackId the track, as the caller names it
 * @param layerBitratesBps each layer's recent bitrate, non-decreasing, 0 while unknown
 * @param desiredLayer the highest layer wanted, -1 for none
 */
public record TrackDemand(String trackId, TrackPriority priority, long[] layerBitratesBps, int desiredLayer) {
    public TrackDemand {
        Objects.requireNonNull(trackId, "trackId");
        Objects.requireNonNull(priority, "priority");
        if (layerBitratesBps.length == 0 || desiredLayer < -1 || desiredLayer >= layerBitratesBps.length) {
            throw new IllegalArgumentException("track " + trackId + ": " + layerBitratesBps.length
                + " layers, desired " + desiredLayer);
        }
        layerBitratesBps = layerBitratesBps.clone();
        for (long b : layerBitratesBps) {
            if (b < 0) {
                throw new IllegalArgumentException("track " + trackId + ": negative bitrate " + b);
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrackDemand t && trackId.equals(t.trackId) && priority == t.priority
            && desiredLayer == t.desiredLayer && Arrays.equals(layerBitratesBps, t.layerBitratesBps);
    }

    @Override
    public int hashCode() {
        return Objects.hash(trackId, priority, desiredLayer, Arrays.hashCode(layerBitratesBps));
    }

    @Override
    public long[] layerBitratesBps() {
        return layerBitratesBps.clone();
    }

    /**
     * What the track would use at the best layer it can get up to its desired one (0 when hidden): a
     * layer the publisher does not send now has bitrate 0, so the highest bitrate up to the desired
     * layer, not the desired layer's own.
     */
    public long desiredBps() {
        long max = 0;
        for (int i = 0; i <= desiredLayer; i++) {
            max = Math.max(max, layerBitratesBps[i]);
        }
        return max;
    }

    long bitrate(int layer) {
        return layer < 0 ? 0 : layerBitratesBps[layer];
    }
}
