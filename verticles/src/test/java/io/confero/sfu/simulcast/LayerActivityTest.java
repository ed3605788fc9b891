package io.confero.sfu.simulcast;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.sfu.simulcast.LayerSelector.Layer;
import org.junit.jupiter.api.Test;

/** Arrival, bitrate and key-frame heights per layer on a fake clock. */
class LayerActivityTest {
    static final long MS = 1_000_000L;

    @Test
    void aLayerStopsArrivingAfterTheStaleTime() {
        LayerActivity a = new LayerActivity(3, 1000 * MS);
        assertThat(a.isArriving(0, 0)).isFalse();
        a.onPacket(0, 1000, 5 * MS);
        assertThat(a.isArriving(0, 1005 * MS)).isTrue();
        assertThat(a.isArriving(0, 1006 * MS)).isFalse();
        assertThat(a.isArriving(1, 6 * MS)).isFalse();
    }

    @Test
    void bitrateIsTheLastCompleteSecond() {
        LayerActivity a = new LayerActivity(1, 1000 * MS);
        for (int ms = 0; ms < 2000; ms += 10) {
            a.onPacket(0, 1250, ms * MS); // 100 packets/s of 1250 bytes = 1 Mbit/s
        }
        assertThat(a.bitrate(0, 2000 * MS)).isEqualTo(1_000_000);
        assertThat(a.bitrate(0, 3500 * MS)).isZero();
    }

    @Test
    void snapshotCarriesHeightsFromKeyFrames() {
        LayerActivity a = new LayerActivity(2, 1000 * MS);
        a.onPacket(1, 100, 0);
        a.onKeyframeHeight(1, 720);
        a.onKeyframeHeight(0, -1);
        assertThat(a.snapshot(10 * MS)).containsExactly(new Layer(0, false, 0), new Layer(720, true, 0));
    }
}
