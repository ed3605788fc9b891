package io.confero.sfu.simulcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.confero.sfu.simulcast.Dynacast.Decision;
import org.junit.jupiter.api.Test;

/** Pause after a few seconds unused, resume at once: decisions on a fake clock. */
class DynacastTest {
    static final long S = 1_000_000_000L;
    static final int Q = 1;
    static final int H = 2;
    static final int F = 4;

    final Dynacast d = new Dynacast(3, 3 * S, 0);

    @Test
    void unusedLayersPauseOnlyAfterTheDelay() {
        Decision first = d.update(0, 1 * S);
        assertThat(first.activeMask()).isEqualTo(Q | H | F);
        assertThat(first.changed()).isFalse();
        assertThat(first.nextPauseNanos()).isEqualTo(3 * S);
        assertThat(d.update(Q, 2999_999_999L).activeMask()).isEqualTo(Q | H | F);
        Decision paused = d.update(Q, 3 * S);
        assertThat(paused.activeMask()).isEqualTo(Q);
        assertThat(paused.changed()).isTrue();
        assertThat(paused.nextPauseNanos()).isEqualTo(Long.MAX_VALUE);
        assertThat(paused.isActive(0)).isTrue();
        assertThat(paused.isActive(2)).isFalse();
        assertThat(d.update(Q, 4 * S).changed()).isFalse();
    }

    @Test
    void aNeededLayerResumesAtOnce() {
        d.update(Q, 5 * S);
        Decision resumed = d.update(Q | F, 6 * S);
        assertThat(resumed.activeMask()).isEqualTo(Q | F);
        assertThat(resumed.changed()).isTrue();
    }

    @Test
    void briefGapsInNeedDoNotPause() {
        d.update(F, 0);
        d.update(H, 2 * S);           // the speaker tile shrank for two seconds
        Decision back = d.update(F, 4 * S);
        assertThat(back.isActive(2)).isTrue();
        // H unneeded since 2 s: pauses at 5 s; Q (the lowest) always stays
        assertThat(back.activeMask()).isEqualTo(Q | H | F);
        assertThat(back.nextPauseNanos()).isEqualTo(5 * S);
        assertThat(d.update(F, 5 * S).activeMask()).isEqualTo(Q | F);
    }

    @Test
    void nobodyWatchingKeepsOnlyTheLowestLayerAsATrickle() {
        assertThat(d.update(0, 3 * S).activeMask()).isEqualTo(Q);
        assertThat(d.update(Dynacast.need(0, 1, -1), 10 * S).activeMask()).isEqualTo(Q | H);
    }

    @Test
    void consumersNeedTheirWishTheLayersBelowAndWhatTheyForwardNow() {
        assertThat(Dynacast.need(0, 2, 0)).isEqualTo(Q | H | F);
        assertThat(Dynacast.need(0, 1, -1)).isEqualTo(Q | H);
        assertThat(Dynacast.need(0, 0, 2)).isEqualTo(Q | F);
        assertThat(Dynacast.need(0, -1, -1)).isZero();
        assertThat(Dynacast.need(0, -1, 1)).isEqualTo(H);
        assertThat(Dynacast.need(F, 0, -1)).isEqualTo(Q | F);
        assertThatThrownBy(() -> new Dynacast(0, S, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Dynacast(3, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
