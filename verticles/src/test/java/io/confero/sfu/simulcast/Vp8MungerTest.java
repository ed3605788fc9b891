package io.confero.sfu.simulcast;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.sfu.simulcast.Vp8Munger.Vp8Rewrite;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** PictureID / TL0PICIDX / KEYIDX continuity across layer switches, with wrap tables. */
class Vp8MungerTest {

    static Vp8Descriptor desc(int pictureIdBits, int pictureId, int tl0, int keyIdx) {
        return new Vp8Descriptor(0, 6, true, 0, false, pictureIdBits, pictureId, tl0, 0, false, keyIdx, false);
    }

    @Test
    void firstSegmentKeepsSourceValues() {
        Vp8Munger m = new Vp8Munger();
        assertThat(m.munge(desc(15, 1000, 50, 3), true)).isEqualTo(new Vp8Rewrite(1000, 50, 3));
        assertThat(m.munge(desc(15, 1001, 51, 3), false)).isEqualTo(new Vp8Rewrite(1001, 51, 3));
    }

    /** Layer A sent up to {0}/{1}; layer B's key frame carries {2}/{3}: the subscriber sees +1 on each. */
    @ParameterizedTest(name = "out picture {0} tl0 {1}, new layer picture {2} tl0 {3}")
    @CsvSource({
        "0, 0, 0, 0",
        "1, 1, 32767, 255",
        "32767, 255, 0, 0",
        "32766, 254, 12345, 17",
        "32768, 256, 1, 1",       // extended values past one wrap
        "65534, 511, 32767, 255",
        "65535, 1, 32768, 0",
    })
    void switchContinuesAtHighestSentPlusOne(int outPicture, int outTl0, int newPicture, int newTl0) {
        Vp8Munger m = new Vp8Munger();
        // first segment: source == out; drive the extended values up by walking in steps < half range
        int p = 0;
        int t = 0;
        m.munge(desc(15, 0, 0, 0), true);
        while (p < outPicture || t < outTl0) {
            p = Math.min(outPicture, p + 1000);
            t = Math.min(outTl0, t + 100);
            m.munge(desc(15, p & 0x7FFF, t & 0xFF, 0), false);
        }
        Vp8Rewrite first = m.munge(desc(15, newPicture, newTl0, 4), true);
        assertThat(first).isEqualTo(new Vp8Rewrite((outPicture + 1) & 0x7FFF, (outTl0 + 1) & 0xFF, 1));
        Vp8Rewrite next = m.munge(desc(15, (newPicture + 1) & 0x7FFF, (newTl0 + 1) & 0xFF, 4), false);
        assertThat(next).isEqualTo(new Vp8Rewrite((outPicture + 2) & 0x7FFF, (outTl0 + 2) & 0xFF, 1));
    }

    @Test
    void reorderedPacketsKeepTheirDistanceAcrossTheSourceWrap() {
        Vp8Munger m = new Vp8Munger();
        m.munge(desc(15, 10, 5, 0), true);
        m.munge(desc(15, 500, 9, 0), true); // switch: out 11, 6, keyIdx 1
        // 32767 is 501 pictures before 500 (source wrap): sent as 11 - 501, wrapped; the highest sent stays 11
        assertThat(m.munge(desc(15, 32767, 8, 0), false)).isEqualTo(new Vp8Rewrite((11 - 501) & 0x7FFF, 5, 1));
        assertThat(m.munge(desc(15, 0, 10, 0), true)).isEqualTo(new Vp8Rewrite(12, 7, 2));
        assertThat(m.munge(desc(15, 32767, 9, 0), false).pictureId()).isEqualTo(11);
        assertThat(m.munge(desc(15, 1, 11, 0), false).pictureId()).isEqualTo(13);
    }

    @Test
    void sevenBitPictureIdWrapsAt128() {
        Vp8Munger m = new Vp8Munger();
        m.munge(desc(7, 126, 0, -1), true);
        assertThat(m.munge(desc(7, 127, 0, -1), false).pictureId()).isEqualTo(127);
        assertThat(m.munge(desc(7, 0, 0, -1), false).pictureId()).isZero();
        Vp8Rewrite switched = m.munge(desc(7, 60, 200, -1), true);
        assertThat(switched.pictureId()).isEqualTo(1);
        assertThat(switched.keyIdx()).isEqualTo(-1);
    }

    @Test
    void keyIdxWrapsAt32AndAbsentFieldsStayAbsent() {
        Vp8Munger m = new Vp8Munger();
        m.munge(desc(15, 1, -1, 31), true);
        assertThat(m.munge(desc(15, 2, -1, 7), true)).isEqualTo(new Vp8Rewrite(2, -1, 0));
        assertThat(m.munge(new Vp8Descriptor(0, 1, true, 0, false, 0, -1, -1, -1, false, -1, false), true))
            .isEqualTo(new Vp8Rewrite(-1, -1, -1));
        assertThat(m.munge(desc(15, 900, -1, 2), true)).isEqualTo(new Vp8Rewrite(3, -1, 1));
    }

    @ParameterizedTest(name = "unwrap({0}, {1}, {2}) = {3}")
    @CsvSource({
        "0, 0, 32768, 0", "0, 1, 32768, 1", "0, 32767, 32768, -1", "0, 16383, 32768, 16383",
        "0, 16384, 32768, -16384", "32767, 0, 32768, 32768", "65534, 32767, 32768, 65535",
        "255, 0, 256, 256", "256, 255, 256, 255", "31, 0, 32, 32",
    })
    void unwrapTable(long highest, int value, int mod, long expected) {
        assertThat(Vp8Munger.unwrap(highest, value, mod)).isEqualTo(expected);
    }
}
