package io.confero.sfu.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.confero.sfu.forward.NackGenerator.Outcome;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** NackGenerator: RFC 4585 §6.2.1 loss detection (gaps, reordering, 16-bit wrap), bounds and retry limits. */
class NackGeneratorTest {

    /** Feeds the arrivals at time 0 and returns the outcomes, space-separated. */
    private static String feed(NackGenerator g, String arrivals) {
        StringBuilder out = new StringBuilder();
        for (String s : arrivals.trim().split("\\s+")) {
            out.append(out.length() == 0 ? "" : " ").append(g.onPacket(Integer.parseInt(s), 0));
        }
        return out.toString();
    }

    private static int[] collect(NackGenerator g, long now) {
        int[] out = new int[64];
        return Arrays.copyOf(out, g.collect(now, out));
    }

    private static int[] ints(String s) {
        return s.isBlank() ? new int[0] : Arrays.stream(s.trim().split("\\s+")).mapToInt(Integer::parseInt).toArray();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
        in order           | 1 2 3              | IN_ORDER IN_ORDER IN_ORDER                 |
        gap                | 10 13              | IN_ORDER GAP                               | 11 12
        reorder clears     | 10 12 11 13        | IN_ORDER GAP RECOVERED IN_ORDER            |
        late part of gap   | 10 14 12           | IN_ORDER GAP RECOVERED                     | 11 13
        duplicate          | 5 6 6 5            | IN_ORDER IN_ORDER DUPLICATE DUPLICATE      |
        wrap 65535 to 0    | 65534 65535 0 1    | IN_ORDER IN_ORDER IN_ORDER IN_ORDER        |
        gap over the wrap  | 65533 1            | IN_ORDER GAP                               | 65534 65535 0
        repaired over wrap | 65533 1 65535      | IN_ORDER GAP RECOVERED                     | 65534 0
        old after wrap     | 65535 0 65535      | IN_ORDER IN_ORDER DUPLICATE                |
        half-way back      | 40000 7232         | IN_ORDER DUPLICATE                         |
        two gaps           | 1 3 6              | IN_ORDER GAP GAP                           | 2 4 5
        """)
    void detectsLossFromSequenceNumbers(String name, String arrivals, String outcomes, String missing) {
        NackGenerator g = NackGenerator.withDefaults();
        assertThat(feed(g, arrivals)).isEqualTo(outcomes);
        assertThat(collect(g, 0)).containsExactly(ints(missing == null ? "" : missing));
    }

    @ParameterizedTest(name = "start {0}")
    @CsvSource({"0", "1", "32767", "32768", "65534", "65535"})
    void gapAcrossTheWrapTable(int start) {
        NackGenerator g = NackGenerator.withDefaults();
        g.onPacket(start, 0);
        assertThat(g.onPacket((start + 3) & 0xFFFF, 0)).isEqualTo(Outcome.GAP);
        assertThat(g.isMissing((start + 1) & 0xFFFF)).isTrue();
        assertThat(collect(g, 0)).containsExactly((start + 1) & 0xFFFF, (start + 2) & 0xFFFF);
        assertThat(g.onPacket((start + 2) & 0xFFFF, 1)).isEqualTo(Outcome.RECOVERED);
        assertThat(g.isMissing((start + 2) & 0xFFFF)).isFalse();
        assertThat(g.missingCount()).isEqualTo(1);
    }

    @ParameterizedTest(name = "capacity 8: {0}")
    @CsvSource(delimiter = '|', textBlock = """
        gap fills the list        | 0 9        | IN_ORDER GAP               | 1 2 3 4 5 6 7 8
        gap wider than the list   | 0 10       | IN_ORDER TOO_MANY_LOST     |
        wide gap clears old ones  | 0 2 30     | IN_ORDER GAP TOO_MANY_LOST |
        overflow drops the oldest | 0 5 10 12  | IN_ORDER GAP GAP GAP       | 2 3 4 6 7 8 9 11
        """)
    void theMissingListIsBounded(String name, String arrivals, String outcomes, String missing) {
        NackGenerator g = new NackGenerator(8, 30, 4, 1000);
        assertThat(feed(g, arrivals)).isEqualTo(outcomes);
        assertThat(collect(g, 0)).containsExactly(ints(missing == null ? "" : missing));
    }

    @Test
    void retriesEveryIntervalUpToMaxSendsThenGivesUp() {
        NackGenerator g = new NackGenerator(64, 30, 3, 1000);
        g.onPacket(100, 0);
        g.onPacket(102, 5);
        assertThat(g.isDue(5)).isTrue();
        assertThat(collect(g, 5)).containsExactly(101);
        assertThat(g.isDue(34)).isFalse();
        assertThat(collect(g, 34)).isEmpty();
        assertThat(g.isDue(35)).isTrue();
        assertThat(collect(g, 35)).containsExactly(101);
        assertThat(collect(g, 65)).containsExactly(101);
        // third request sent: kept one more interval for its answer, then forgotten
        assertThat(collect(g, 94)).isEmpty();
        assertThat(g.missingCount()).isEqualTo(1);
        assertThat(collect(g, 95)).isEmpty();
        assertThat(g.missingCount()).isZero();
        assertThat(g.onPacket(101, 96)).isEqualTo(Outcome.DUPLICATE);
    }

    @Test
    void forgetsMissingPacketsAfterMaxAge() {
        NackGenerator g = new NackGenerator(64, 30, 100, 100);
        g.onPacket(1, 0);
        g.onPacket(3, 0);
        for (long t = 0; t <= 90; t += 30) {
            assertThat(collect(g, t)).as("t=%d", t).containsExactly(2);
        }
        assertThat(collect(g, 100)).isEmpty();
        assertThat(g.missingCount()).isOne();
        assertThat(collect(g, 101)).isEmpty();
        assertThat(g.missingCount()).isZero();
        assertThat(g.isDue(1000)).isFalse();
    }

    @Test
    void collectWritesAtMostTheOutputLengthAndKeepsTheRestDue() {
        NackGenerator g = NackGenerator.withDefaults();
        g.onPacket(0, 0);
        g.onPacket(6, 0);
        int[] out = new int[2];
        assertThat(g.collect(0, out)).isEqualTo(2);
        assertThat(out).containsExactly(1, 2);
        assertThat(g.isDue(0)).isTrue();
        assertThat(g.collect(0, out)).isEqualTo(2);
        assertThat(out).containsExactly(3, 4);
        assertThat(g.collect(0, out)).isEqualTo(1);
        assertThat(out[0]).isEqualTo(5);
        assertThat(g.isDue(0)).isFalse();
    }

    @Test
    void newGapsAreDueAtOnceEvenWhileOthersWait() {
        NackGenerator g = NackGenerator.withDefaults();
        g.onPacket(0, 0);
        g.onPacket(2, 0);
        assertThat(collect(g, 0)).containsExactly(1);
        g.onPacket(4, 10);
        assertThat(g.isDue(10)).isTrue();
        assertThat(collect(g, 10)).containsExactly(3);
        assertThat(collect(g, 30)).containsExactly(1);
    }

    @Test
    void rejectsNonsenseLimits() {
        assertThatThrownBy(() -> new NackGenerator(0, 30, 4, 1000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NackGenerator(8, 0, 4, 1000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NackGenerator(8, 30, 0, 1000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NackGenerator(8, 30, 4, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
