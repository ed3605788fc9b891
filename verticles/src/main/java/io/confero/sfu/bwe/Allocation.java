package io.confero.sfu.bwe;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The layer each subscribed track gets under one budget. */
public record Allocation(List<TrackAllocation> tracks) {
    /** Why a track got what it got. */
    public enum Reason {
        /** Audio is always sent. */
        AUDIO,
        /** The tile is hidden: nothing wanted. */
        HIDDEN,
        /** The desired layer fits. */
        DESIRED,
        /** A lower layer than desired: the budget allows no more. */
        LIMITED,
        /** Not even the lowest layer fits: video paused, poor connection. */
        PAUSED_POOR_CONNECTION
    }

    /**
     * @param layer the layer to send, -1 for none
     * @param bitrateBps what that layer uses
     */
    public record TrackAllocation(String trackId, int layer, long bitrateBps, Reason reason) {
    }

    public Allocation {
        tracks = List.copyOf(tracks);
    }

    /** Total bitrate allocated. */
    public long totalBps() {
        return tracks.stream().mapToLong(TrackAllocation::bitrateBps).sum();
    }

    public Map<String, TrackAllocation> byTrack() {
        return tracks.stream().collect(Collectors.toMap(TrackAllocation::trackId, Function.identity()));
    }

    /** Whether any wanted video is paused for lack of bandwidth. */
    public boolean anyPaused() {
        return tracks.stream().anyMatch(t -> t.reason() == Reason.PAUSED_POOR_CONNECTION);
    }

    /** Whether the same tracks get the same layers (reasons aside). */
    public boolean sameLayers(Allocation other) {
        if (other == null || other.tracks.size() != tracks.size()) {
            return false;
        }
        for (int i = 0; i < tracks.size(); i++) {
            TrackAllocation a = tracks.get(i);
            TrackAllocation b = other.tracks.get(i);
            if (!a.trackId().equals(b.trackId()) || a.layer() != b.layer()) {
                return false;
            }
        }
        return true;
    }
}
