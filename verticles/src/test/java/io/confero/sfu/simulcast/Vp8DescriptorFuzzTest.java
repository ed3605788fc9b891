package io.confero.sfu.simulcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The descriptor parser and rewriter see network bytes: no exception, no write outside the descriptor. */
class Vp8DescriptorFuzzTest {

    @Property(tries = 5000)
    void parseAndRewriteStayInsideTheDescriptor(@ForAll @Size(max = 24) byte[] b, @ForAll @IntRange(max = 24) int cut,
                                                @ForAll int picture, @ForAll int tl0, @ForAll int keyIdx) {
        int off = Math.min(cut, b.length);
        Vp8Descriptor d = Vp8Descriptor.parse(b, off, b.length - off);
        if (d == null) {
            return;
        }
        assertThat(d.offset() + d.length()).isLessThanOrEqualTo(b.length);
        d.keyframeHeight(b, b.length);
        byte[] copy = b.clone();
        d.write(copy, picture, tl0, keyIdx);
        assertThat(Arrays.copyOfRange(copy, 0, off)).isEqualTo(Arrays.copyOfRange(b, 0, off));
        assertThat(Arrays.copyOfRange(copy, off + d.length(), b.length))
            .isEqualTo(Arrays.copyOfRange(b, off + d.length(), b.length));
        Vp8Descriptor again = Vp8Descriptor.parse(copy, off, b.length - off);
        assertThat(again.length()).isEqualTo(d.length());
        if (d.hasPictureId()) {
            assertThat(again.pictureId()).isEqualTo(picture & ((1 << d.pictureIdBits()) - 1));
        }
        if (d.tl0PicIdx() >= 0) {
            assertThat(again.tl0PicIdx()).isEqualTo(tl0 & 0xFF);
        }
        if (d.keyIdx() >= 0) {
            assertThat(again.keyIdx()).isEqualTo(keyIdx & 0x1F);
        }
        assertThat(again.tid()).isEqualTo(d.tid());
    }

    /** Arbitrary descriptors and switch points: PictureID of a switch is always the highest sent + 1. */
    @Property(tries = 500)
    void mungerNeverThrowsAndSwitchesContinue(@ForAll @Size(min = 1, max = 60) List<@IntRange(max = 32767) Integer> pictures,
                                              @ForAll @Size(min = 1, max = 60) List<Boolean> switches) {
        Vp8Munger m = new Vp8Munger();
        long highest = -1;
        for (int i = 0; i < pictures.size(); i++) {
            boolean sw = i == 0 || switches.get(i % switches.size());
            int out = m.munge(new Vp8Descriptor(0, 4, true, 0, false, 15, pictures.get(i), i & 0xFF, -1, false, i & 31, false), sw)
                .pictureId();
            assertThat(out).isBetween(0, 32767);
            if (sw && i > 0) {
                assertThat((long) out).isEqualTo((highest + 1) & 0x7FFF);
            }
            highest = i == 0 ? out : Math.max(highest, highest + Vp8Munger.unwrap(highest & 0x7FFF, out, 32768) - (highest & 0x7FFF));
        }
    }
}
