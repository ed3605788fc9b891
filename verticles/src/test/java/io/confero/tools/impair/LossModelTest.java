package io.confero.tools.impair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Loss models against their definitions, on a seeded generator (repeatable, no timing). */
class LossModelTest {
    static final int N = 200_000;

    @ParameterizedTest(name = "p={0} r={1} bad={2} good={3}")
    @CsvSource({"0.01, 0.3, 1, 0", "0.05, 0.5, 0.8, 0.01", "0.002, 0.1, 1, 0"})
    void gilbertElliottMatchesItsStationaryLossAndBurstLength(double p, double r, double bad, double good) {
        LossModel.GilbertElliott ge = new LossModel.GilbertElliott(p, r, good, bad);
        SplittableRandom random = new SplittableRandom(42);
        int lost = 0;
        int bursts = 0;
        boolean previous = false;
        for (int i = 0; i < N; i++) {
            boolean l = ge.lose(random);
            if (l) {
                lost++;
                if (!previous) {
                    bursts++;
                }
            }
            previous = l;
        }
        assertThat((double) lost / N).isCloseTo(ge.meanLoss(), org.assertj.core.data.Percentage.withPercentage(15));
        if (bad == 1 && good == 0) {
            // in the pure form every bad-state stay is one burst; its mean length is 1 / r
            assertThat((double) lost / bursts).isCloseTo(1 / r, org.assertj.core.data.Percentage.withPercentage(15));
        }
    }

    @Test
    void burstyLossClustersUnlikeRandomLossOfTheSameRate() {
        LossModel.GilbertElliott ge = new LossModel.GilbertElliott(0.01, 0.2, 0, 1);
        LossModel.Random uniform = new LossModel.Random(ge.meanLoss());
        assertThat(longestRun(ge, new SplittableRandom(7))).isGreaterThan(2 * longestRun(uniform, new SplittableRandom(7)));
    }

    private static int longestRun(LossModel m, SplittableRandom random) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < N; i++) {
            run = m.lose(random) ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    @Test
    void randomLossRateAndEveryNth() {
        LossModel.Random r = new LossModel.Random(0.05);
        SplittableRandom random = new SplittableRandom(3);
        int lost = 0;
        for (int i = 0; i < N; i++) {
            lost += r.lose(random) ? 1 : 0;
        }
        assertThat((double) lost / N).isBetween(0.045, 0.055);
        LossModel every = new LossModel.EveryNth(4);
        StringBuilder pattern = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            pattern.append(every.lose(random) ? 'x' : '.');
        }
        assertThat(pattern).hasToString("...x...x");
        assertThat(every.fresh().lose(random)).isFalse();
        assertThat(new LossModel.None().lose(random)).isFalse();
    }

    @Test
    void invalidParametersAreRefused() {
        assertThatThrownBy(() -> new LossModel.Random(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LossModel.Random(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LossModel.GilbertElliott(0.1, 0, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LossModel.EveryNth(1)).isInstanceOf(IllegalArgumentException.class);
    }
}
