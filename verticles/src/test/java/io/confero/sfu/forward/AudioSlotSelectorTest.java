package io.confero.sfu.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AudioSlotSelectorTest {
    static final long T = AudioSlotSelector.INTERVAL_MILLIS;

    private static AudioRanking rank(Map<String, Integer> loudness) {
        return AudioRanking.of(loudness, AudioSlotSelector.rankingDepth(4));
    }

    @Test
    void threeLoudestPlusTheDominantSpeakerNeverSelf() {
        AudioSlotSelector s = new AudioSlotSelector("me", 3);
        AudioSlotDecision d = s.decide(rank(Map.of("me", 120, "a", 100, "b", 90, "c", 80, "d", 70, "e", 75)), "d", 0);
        assertThat(d.holders()).containsExactly("d", "a", "b", "c");
        assertThat(d.changed()).containsExactly(0, 1, 2, 3);
    }

    @Test
    void nobodySpeakingLeavesSlotsSilent() {
        AudioSlotSelector s = new AudioSlotSelector("me", 3);
        AudioSlotDecision d = s.decide(rank(Map.of("a", 10, "b", 0)), null, 0);
        assertThat(d.holders()).containsOnlyNulls();
        assertThat(d.isChanged()).isFalse();
    }

    @Test
    void aSlightlyLouderChallengerWaitsAClearlyLouderOneTakesTheQuietestSlot() {
        AudioSlotSelector s = new AudioSlotSelector("me", 1);
        s.decide(rank(Map.of("a", 100, "b", 80)), null, 0);
        assertThat(s.holders()).containsExactly("a", "b");
        AudioSlotDecision close = s.decide(rank(Map.of("a", 100, "b", 80, "c", 85)), null, T);
        assertThat(close.isChanged()).as("85 is not 6 louder than 80").isFalse();
        AudioSlotDecision clear = s.decide(rank(Map.of("a", 100, "b", 80, "c", 86)), null, 2 * T);
        assertThat(clear.holders()).containsExactly("a", "c");
        assertThat(clear.changed()).containsExactly(1);
    }

    @Test
    void aHolderThatWentQuietOrLeftGivesWayAtOnce() {
        AudioSlotSelector s = new AudioSlotSelector("me", 1);
        s.decide(rank(Map.of("a", 100, "b", 80)), null, 0);
        AudioSlotDecision quiet = s.decide(rank(Map.of("a", 100, "b", 20, "c", 70)), null, T);
        assertThat(quiet.holders()).containsExactly("a", "c");
        AudioSlotDecision left = s.decide(rank(Map.of("c", 70)), null, 2 * T);
        assertThat(left.holders()).containsExactly(null, "c");
        assertThat(left.changed()).containsExactly(0);
    }

    @Test
    void decidesAtMostOncePerInterval() {
        AudioSlotSelector s = new AudioSlotSelector("me", 2);
        assertThat(s.decide(rank(Map.of("a", 100)), null, 1000)).isNotNull();
        assertThat(s.due(1000 + T - 1)).isFalse();
        assertThat(s.decide(rank(Map.of("b", 100)), null, 1000 + T - 1)).isNull();
        assertThat(s.decide(rank(Map.of("b", 100)), null, 1000 + T).holders()).containsExactly("b", null, null);
    }

    @Test
    void theDominantSpeakerDisplacesTheQuietestEvenWhenQuiet() {
        AudioSlotSelector s = new AudioSlotSelector("me", 1);
        s.decide(rank(Map.of("a", 100, "b", 90, "c", 50)), null, 0);
        AudioSlotDecision d = s.decide(rank(Map.of("a", 100, "b", 90, "c", 50)), "c", T);
        assertThat(d.holders()).containsExactly("a", "c");
        assertThat(s.decide(rank(Map.of("a", 100, "b", 90, "c", 50)), "me", 2 * T).holders())
            .as("the dominant speaker is myself: the loudest takes the slot back").containsExactly("a", "b");
    }

    @Test
    void rankingKeepsOnlyTheLoudestSpeakingTiesById() {
        AudioRanking r = AudioRanking.of(Map.of("b", 90, "a", 90, "c", 100, "quiet", 10), 2);
        assertThat(r.loudestFirst()).containsExactly("c", "a");
        assertThat(r.of("quiet")).isEqualTo(10);
        assertThat(r.of("absent")).isEqualTo(-1);
        assertThat(r.of(null)).isEqualTo(-1);
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> new AudioSlotSelector("me", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AudioRanking.of(Map.of(), -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AudioSlotDecision(Arrays.asList("a", null), java.util.List.of(2)))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
