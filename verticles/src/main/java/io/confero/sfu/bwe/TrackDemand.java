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

    /** What the track uses at its desired layer (0 when hidden). */
    public long desiredBps() {
        return bitrate(desiredLayer);
    }

    long bitrate(int layer) {
        return layer < 0 ? 0 : layerBitratesBps[layer];
    }
}
