package io.confero.sfu.forward;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Random meetings (up to 40 sources coming, going, muting, speaking at random levels, a dominant
 * speaker that changes now and then) against the invariants in {@link AudioSlotSelector}'s javadoc,
 * checked after every decision against the full loudness map, not only the ranking's top.
 * Bounded work per try: at most 400 rounds of 40 sources.
 */
class AudioSlotSelectorPropertyTest {
    static final String SELF = "p0";

    @Property(tries = 200)
    void slotsHoldTheLoudestFewNeverSelfWithHysteresis(@ForAll long seed, @ForAll @IntRange(min = 1, max = 5) int loudest,
        @ForAll @IntRange(min = 1, max = 40) int sources) {
        Random r = new Random(seed);
        AudioSlotSelector s = new AudioSlotSelector(SELF, loudest);
        Map<String, Integer> loudness = new HashMap<>();
        String dominant = null;
        long now = 0;
        for (int round = 0; round < 400; round++) {
            now += AudioSlotSelector.INTERVAL_MILLIS + r.nextInt(30);
            mutate(r, loudness, sources);
            if (r.nextInt(5) == 0) {
                List<String> present = List.copyOf(loudness.keySet());
                dominant = present.isEmpty() || r.nextInt(6) == 0 ? "gone" : present.get(r.nextInt(present.size()));
            }
            AudioRanking ranking = AudioRanking.of(loudness, AudioSlotSelector.rankingDepth(s.slotCount()));
            List<String> before = s.holders();
            AudioSlotDecision d = s.decide(ranking, dominant, now);
            assertThat(d).isNotNull();
            check(before, d, loudness, dominant);
            AudioSlotDecision again = s.decide(ranking, dominant, now + AudioSlotSelector.INTERVAL_MILLIS);
            assertThat(again.changed()).as("a second decision on the same input").isEmpty();
            now += AudioSlotSelector.INTERVAL_MILLIS;
        }
    }

    private static void mutate(Random r, Map<String, Integer> loudness, int sources) {
        for (int i = 0; i < sources; i++) {
            String id = "p" + i;
            int roll = r.nextInt(100);
            if (roll < 3) {
                loudness.remove(id); // left or muted
            } else if (roll < 40) {
                loudness.put(id, r.nextInt(3) == 0 ? r.nextInt(AudioSlotSelector.THRESHOLD) : r.nextInt(128));
            } else if (roll < 45) {
                loudness.putIfAbsent(id, 0); // joined
            }
        }
    }

    private static void check(List<String> before, AudioSlotDecision d, Map<String, Integer> loudness, String dominant) {
        List<String> holders = d.holders();
        Set<String> seen = new HashSet<>();
        for (String h : holders) {
            if (h != null) {
                assertThat(h).as("never the subscriber itself").isNotEqualTo(SELF);
                assertThat(seen.add(h)).as("in two slots: " + h).isTrue();
                assertThat(loudness).as("a holder has audio now").containsKey(h);
            }
        }
        boolean dominantHeard = dominant != null && !dominant.equals(SELF) && loudness.containsKey(dominant);
        if (dominantHeard) {
            assertThat(holders).as("the dominant speaker has a slot").contains(dominant);
        }
        for (Map.Entry<String, Integer> c : loudness.entrySet()) {
            if (c.getKey().equals(SELF) || holders.contains(c.getKey()) || c.getValue() < AudioSlotSelector.THRESHOLD) {
                continue;
            }
            for (String h : holders) {
                assertThat(h).as("a slot is silent while %s speaks", c.getKey()).isNotNull();
                if (!h.equals(dominant)) {
                    assertThat(c.getValue()).as("%s left out, clearly louder than holder %s", c.getKey(), h)
                        .isLessThan(loudness.get(h) + AudioSlotSelector.HYSTERESIS);
                }
            }
        }
        for (int i = 0; i < holders.size(); i++) {
            String old = before.get(i);
            String now = holders.get(i);
            if (old == null || old.equals(now) || !loudness.containsKey(old)) {
                continue;
            }
            assertThat(holders).as("a holder that keeps a slot keeps the same slot").doesNotContain(old);
            int held = loudness.get(old);
            if (held >= AudioSlotSelector.THRESHOLD && !now.equals(dominant)) {
                assertThat(loudness.get(now)).as("%s took %s's slot without being clearly louder", now, old)
                    .isGreaterThanOrEqualTo(held + AudioSlotSelector.HYSTERESIS);
            }
        }
        assertThat(d.changed()).allSatisfy(i -> assertThat(holders.get(i)).isNotEqualTo(before.get(i)));
    }
}
