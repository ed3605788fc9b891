package io.confero.sfu.forward;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One meeting's audio sources at one instant, computed once per slot decision round and shared by
 * every subscriber's {@link AudioSlotSelector}: the loudness of every participant that has audio now
 * ({@code participant → 0..127}, see {@link AudioLevelMeter}) and the few loudest speaking ones
 * (at {@link AudioSlotSelector#THRESHOLD} or louder), loudest first, ties by id. Keeping only
 * {@code 2 × slots + 1} of them is enough for every subscriber: at most {@code slots} are already
 * in its slots and one is itself, which leaves {@code slots} challengers.
 */
public record AudioRanking(List<String> loudestFirst, Map<String, Integer> loudness) {
    public AudioRanking {
        loudestFirst = List.copyOf(loudestFirst);
        loudness = Map.copyOf(loudness);
    }

    /** Ranks {@code loudness}, keeping the {@code keep} loudest speaking participants. */
    public static AudioRanking of(Map<String, Integer> loudness, int keep) {
        if (keep < 0) {
            throw new IllegalArgumentException("keep " + keep);
        }
        Comparator<Map.Entry<String, Integer>> louderFirst =
            Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey());
        List<String> top = new ArrayList<>();
        loudness.entrySet().stream().filter(e -> e.getValue() >= AudioSlotSelector.THRESHOLD).sorted(louderFirst)
            .limit(keep).forEach(e -> top.add(e.getKey()));
        return new AudioRanking(top, loudness);
    }

    /** The loudness of {@code participant}, or -1 when it has no audio now (left, muted, never published). */
    public int of(String participant) {
        Integer l = participant == null ? null : loudness.get(participant);
        return l == null ? -1 : l;
    }
}
