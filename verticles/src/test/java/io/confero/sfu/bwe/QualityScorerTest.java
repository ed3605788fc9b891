package io.confero.sfu.bwe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Grades and hysteresis of the connection bars, on a fake clock. */
class QualityScorerTest {
    static final long S = 1_000_000;
    static final QualityScorer.Sample GOOD = new QualityScorer.Sample(0, 50_000, 3_000_000, 2_000_000, false);
    static final QualityScorer.Sample LOSSY = new QualityScorer.Sample(0.12, 50_000, 3_000_000, 2_000_000, false);

    @ParameterizedTest(name = "loss {0}, rtt {1} µs, estimate {2} for {3} wanted, paused {4} → {5} bars")
    @CsvSource({
        "0,    50000,   3000000, 2000000, false, 3",
        "0.01, -1,      -1,      0,       false, 3",
        "0.03, 50000,   3000000, 2000000, false, 2",
        "0.07, 50000,   3000000, 2000000, false, 1",
        "0.20, 50000,   3000000, 2000000, false, 0",
        "0,    400000,  3000000, 2000000, false, 2",
        "0,    700000,  3000000, 2000000, false, 1",
        "0,    1500000, 3000000, 2000000, false, 0",
        "0,    50000,   1000000, 2000000, false, 2",
        "0,    50000,   400000,  2000000, false, 1",
        "0,    50000,   200000,  2000000, false, 0",
        "0,    50000,   3000000, 2000000, true,  1",
        "0,    50000,   3000000, 0,       false, 3",
        "NaN,  50000,   3000000, 2000000, false, 3",
    })
    void theWorstInputDecides(double loss, long rtt, long estimate, long wanted, boolean paused, int bars) {
        assertThat(QualityScorer.grade(new QualityScorer.Sample(loss, rtt, estimate, wanted, paused))).isEqualTo(bars);
    }

    @Test
    void aWorseGradeShowsAfterTheShortHoldABetterOneABarAtATimeAfterTheLongOne() {
        QualityScorer q = new QualityScorer(2 * S, 6 * S);
        assertThat(q.update(LOSSY, 0)).as("one bad sample is not yet shown").isEqualTo(3);
        assertThat(q.update(LOSSY, S)).isEqualTo(3);
        assertThat(q.update(LOSSY, 2 * S)).as("held the short hold").isZero();
        assertThat(q.update(GOOD, 3 * S)).isZero();
        assertThat(q.update(GOOD, 8 * S)).isZero();
        assertThat(q.update(GOOD, 9 * S)).as("one bar after the long hold").isEqualTo(1);
        assertThat(q.update(GOOD, 14 * S)).isEqualTo(1);
        assertThat(q.update(GOOD, 15 * S)).isEqualTo(2);
        assertThat(q.update(GOOD, 21 * S)).isEqualTo(3);
        assertThat(q.bars()).isEqualTo(3);
    }

    @Test
    void aBlipShorterThanTheHoldChangesNothing() {
        QualityScorer q = new QualityScorer(2 * S, 6 * S);
        for (long t = 0; t < 60 * S; t += S) {
            assertThat(q.update((t / S) % 2 == 0 ? LOSSY : GOOD, t)).isEqualTo(3);
        }
    }

    @Test
    void holdsMustBeOrdered() {
        assertThatThrownBy(() -> new QualityScorer(5 * S, S)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Whatever the samples and however the clock moves (backwards too): the bars stay within 0..3,
     * rise at most one bar per update, and never rise above the grade of the sample that raised them.
     */
    @Property(tries = 300)
    void barsStayInRangeAndRiseOneAtATime(@ForAll long seed) {
        Random r = new Random(seed);
        QualityScorer q = new QualityScorer(r.nextInt(3) * S, (3 + r.nextInt(5)) * S);
        long now = r.nextLong() / 4;
        int before = q.bars();
        for (int i = 0; i < 200; i++) {
            now += r.nextInt(10) == 0 ? -r.nextInt(2_000_000) : r.nextInt(3_000_000);
            QualityScorer.Sample s = new QualityScorer.Sample(r.nextDouble() * (r.nextBoolean() ? 0.3 : 2) - 0.1,
                r.nextInt(2_000_000) - 1, r.nextInt(5_000_000) - 1, r.nextInt(5_000_000), r.nextInt(8) == 0);
            int bars = q.update(s, now);
            assertThat(bars).isBetween(0, QualityScorer.MAX);
            if (bars > before) {
                assertThat(bars).isEqualTo(before + 1).isLessThanOrEqualTo(QualityScorer.grade(s));
            }
            before = bars;
        }
    }

    @Property(tries = 100)
    void aSteadyLinkSettlesAtItsGrade(@ForAll long seed) {
        Random r = new Random(seed);
        QualityScorer.Sample s = new QualityScorer.Sample(r.nextDouble() * 0.2, r.nextInt(1_500_000),
            r.nextInt(3_000_000), 1 + r.nextInt(3_000_000), r.nextBoolean());
        QualityScorer q = new QualityScorer(2 * S, 6 * S);
        for (long t = 0; t <= 30 * S; t += S) {
            q.update(s, t);
        }
        assertThat(q.bars()).isEqualTo(QualityScorer.grade(s));
    }
}
