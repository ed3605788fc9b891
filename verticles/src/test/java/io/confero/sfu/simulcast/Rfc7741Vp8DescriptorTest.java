package io.confero.sfu.simulcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** RFC 7741 §4.2 payload descriptor: hex vectors → parse → fields → rewrite → byte compare. */
class Rfc7741Vp8DescriptorTest {
    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void chromiumKeyframeWithLongPictureIdTl0AndTid() {
        // X=1 S=1 PID=0 | I=1 L=1 T=1 K=0 | M=1 PictureID=0x1234 | TL0PICIDX=0xFE | TID=0 Y=1 KEYIDX=0 |
        // frame tag (P=0: key frame) | start code 9d 01 2a | width 1280 | height 720
        byte[] b = hex("90 e0 92 34 fe 20  50 42 00 9d 01 2a 00 05 d0 02");
        Vp8Descriptor d = Vp8Descriptor.parse(b, 0, b.length);
        assertThat(d).isEqualTo(new Vp8Descriptor(0, 6, true, 0, false, 15, 0x1234, 0xFE, 0, true, -1, true));
        assertThat(d.keyframeHeight(b, b.length)).isEqualTo(720);

        d.write(b, 0x7FFF, 0x00, 9);
        assertThat(b).isEqualTo(hex("90 e0 ff ff 00 20  50 42 00 9d 01 2a 00 05 d0 02"));
        assertThat(Vp8Descriptor.parse(b, 0, b.length).pictureId()).isEqualTo(0x7FFF);
    }

    @Test
    void shortPictureIdAndKeyIdxOnlyAtAnOffset() {
        // two bytes of something else, then: X=1 N=1 S=0 PID=1 | I=1 K=1 | M=0 PictureID=0x7F | TID/Y unused, KEYIDX=31
        byte[] b = hex("aa bb  a1 90 7f 1f  01 02");
        Vp8Descriptor d = Vp8Descriptor.parse(b, 2, 6);
        assertThat(d).isEqualTo(new Vp8Descriptor(2, 4, false, 1, true, 7, 0x7F, -1, -1, false, 31, false));
        assertThat(d.keyframeHeight(b, b.length)).isEqualTo(-1);

        d.write(b, 0x80 + 5, 77, 33);
        // PictureID stays 7 bits (0x85 & 0x7F = 5), KEYIDX keeps TID/Y bits and takes 33 & 31 = 1
        assertThat(b).isEqualTo(hex("aa bb  a1 90 05 01  01 02"));
    }

    @Test
    void minimalDescriptorHasNoOptionalFields() {
        byte[] b = hex("10 00");
        Vp8Descriptor d = Vp8Descriptor.parse(b, 0, 2);
        assertThat(d.length()).isOne();
        assertThat(d.hasPictureId()).isFalse();
        assertThat(d.tl0PicIdx()).isEqualTo(-1);
        assertThat(d.keyIdx()).isEqualTo(-1);
        assertThat(d.keyframe()).isTrue();
        d.write(b, 1, 2, 3);
        assertThat(b).isEqualTo(hex("10 00"));
    }

    @Test
    void truncatedDescriptorsAreRejected() {
        assertThat(Vp8Descriptor.parse(hex(""), 0, 0)).isNull();
        assertThat(Vp8Descriptor.parse(hex("90"), 0, 1)).isNull();
        assertThat(Vp8Descriptor.parse(hex("90 80"), 0, 2)).isNull();
        assertThat(Vp8Descriptor.parse(hex("90 80 80"), 0, 3)).isNull();
        assertThat(Vp8Descriptor.parse(hex("90 c0 01"), 0, 3)).isNull();
        assertThat(Vp8Descriptor.parse(hex("90 30"), 0, 2)).isNull();
        assertThat(Vp8Descriptor.parse(hex("90 80 80 00"), 0, 4).length()).isEqualTo(4);
        assertThat(Vp8Descriptor.parse(hex("90 80 80 00"), 1, 4)).isNull();
    }
}
