package io.confero.sfu.simulcast;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.sfu.simulcast.LayerSwitcher.SwitchDecision;
import org.junit.jupiter.api.Test;

/** Keyframe-gated switching on a fake clock: the current layer flows until the target's key frame. */
class LayerSwitcherTest {
    static final long MS = 1_000_000L;
    static final SwitchDecision FORWARD = new SwitchDecision(true, false, false);
    static final SwitchDecision FORWARD_ASK = new SwitchDecision(true, false, true);
    static final SwitchDecision DROP = new SwitchDecision(false, false, false);
    static final SwitchDecision DROP_ASK = new SwitchDecision(false, false, true);
    static final SwitchDecision SWITCH = new SwitchDecision(true, true, false);

    final LayerSwitcher s = new LayerSwitcher(500 * MS);

    @Test
    void startWaitsForAKeyFrameOfTheTarget() {
        assertThat(s.onPacket(0, true, 0)).isEqualTo(DROP);
        s.setTarget(0);
        assertThat(s.switchPending()).isTrue();
        assertThat(s.onPacket(0, false, 1 * MS)).isEqualTo(DROP_ASK);
        assertThat(s.onPacket(1, true, 2 * MS)).isEqualTo(DROP);
        assertThat(s.onPacket(0, true, 3 * MS)).isEqualTo(SWITCH);
        assertThat(s.current()).isZero();
        assertThat(s.onPacket(0, false, 4 * MS)).isEqualTo(FORWARD);
        assertThat(s.onPacket(0, true, 5 * MS)).isEqualTo(FORWARD);
    }

    @Test
    void switchUpKeepsTheCurrentLayerFlowingAndAsksAgainUntilTheKeyFrameComes() {
        start(0);
        s.setTarget(2);
        assertThat(s.onPacket(0, false, 10 * MS)).isEqualTo(FORWARD_ASK);
        assertThat(s.onPacket(2, false, 11 * MS)).isEqualTo(DROP);
        assertThat(s.onPacket(1, true, 12 * MS)).isEqualTo(DROP);
        assertThat(s.onPacket(0, false, 400 * MS)).isEqualTo(FORWARD);
        assertThat(s.onPacket(0, false, 510 * MS)).isEqualTo(FORWARD_ASK);
        assertThat(s.onPacket(0, false, 600 * MS)).isEqualTo(FORWARD);
        assertThat(s.onPacket(2, true, 610 * MS)).isEqualTo(SWITCH);
        assertThat(s.onPacket(0, false, 620 * MS)).isEqualTo(DROP);
        assertThat(s.onPacket(2, false, 620 * MS)).isEqualTo(FORWARD);
        assertThat(s.switchPending()).isFalse();
    }

    @Test
    void switchDownIsGatedTooAndNeverLeavesAGap() {
        start(2);
        s.setTarget(0);
        assertThat(s.onPacket(2, false, 10 * MS)).isEqualTo(FORWARD_ASK);
        assertThat(s.onPacket(0, false, 11 * MS)).isEqualTo(DROP);
        assertThat(s.onPacket(2, true, 12 * MS)).isEqualTo(FORWARD);
        assertThat(s.onPacket(0, true, 13 * MS)).isEqualTo(SWITCH);
        assertThat(s.current()).isZero();
    }

    @Test
    void retargetingTheCurrentLayerCancelsThePendingSwitch() {
        start(1);
        s.setTarget(2);
        s.setTarget(1);
        assertThat(s.switchPending()).isFalse();
        assertThat(s.onPacket(2, true, 10 * MS)).isEqualTo(DROP);
        assertThat(s.onPacket(1, false, 11 * MS)).isEqualTo(FORWARD);
    }

    @Test
    void hidingStopsAtOnceAndShowingAgainWaitsForAKeyFrame() {
        start(1);
        s.setTarget(-1);
        assertThat(s.current()).isEqualTo(-1);
        assertThat(s.onPacket(1, false, 10 * MS)).isEqualTo(DROP);
        assertThat(s.onPacket(1, true, 11 * MS)).isEqualTo(DROP);
        s.setTarget(1);
        assertThat(s.onPacket(1, false, 12 * MS)).isEqualTo(DROP_ASK);
        assertThat(s.onPacket(1, true, 13 * MS)).isEqualTo(SWITCH);
    }

    private void start(int layer) {
        s.setTarget(layer);
        s.onPacket(layer, false, 0);
        assertThat(s.onPacket(layer, true, 0)).isEqualTo(SWITCH);
    }
}
