package io.confero.sfu.forward;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.media.rtp.Hex;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Keyframe detection: RFC 7741 (VP8), RFC 6184 (H.264), RFC 9628 (VP9, basic). */
class VideoKeyframesTest {

    @ParameterizedTest(name = "VP8 {0}")
    @CsvSource({
        "'S=1 PID=0, key frame tag',                          10 50 9d 01 2a, true",
        "'S=1 PID=0, inter frame tag (P=1)',                  10 31 ab,       false",
        "'S=0 (continuation)',                                00 50,          false",
        "'PID=1 (other partition)',                           11 50,          false",
        "'X I M: 15-bit picture id',                          90 80 81 23 50, true",
        "'X I: 7-bit picture id, inter',                      90 80 23 51,    false",
        "'X I L T K: pid 16b, tl0, tid/keyidx',               90 f0 80 01 05 20 50, true",
        "'X with only T',                                     90 20 40 50,    true",
        "'descriptor only, no payload header',                90 80 81 23,    false",
        "'X set but truncated',                               90,             false",
    })
    void vp8(String name, String hex, boolean key) {
        byte[] b = Hex.bytes(hex);
        assertThat(VideoKeyframes.isVp8Keyframe(b, 0, b.length)).isEqualTo(key);
    }

    @ParameterizedTest(name = "H264 {0}")
    @CsvSource({
        "'single NAL IDR (5)',                   65 88 84,                  true",
        "'single NAL SPS (7)',                   67 42 c0 1f,               true",
        "'single NAL PPS (8)',                   68 ce 3c 80,               false",
        "'single NAL non-IDR slice (1)',         41 9a,                     false",
        "'STAP-A with SPS+PPS',                  78 0002 6742 0001 68,      true",
        "'STAP-A with SEI + IDR',                78 0001 06 0002 6588,      true",
        "'STAP-A with only non-IDR',             78 0002 419a 0001 41,      false",
        "'STAP-A size overruns',                 78 0009 6742,              false",
        "'STAP-A zero size',                     78 0000 67,                false",
        "'FU-A start of IDR',                    7c 85 88,                  true",
        "'FU-A middle of IDR',                   7c 05 88,                  false",
        "'FU-A start of non-IDR',                7c 81 9a,                  false",
        "'FU-A truncated',                       7c,                        false",
    })
    void h264(String name, String hex, boolean key) {
        byte[] b = Hex.bytes(hex);
        assertThat(VideoKeyframes.isH264Keyframe(b, 0, b.length)).isEqualTo(key);
    }

    @ParameterizedTest(name = "VP9 {0}")
    @CsvSource({
        "'I B, not inter-predicted',              88 01 00,     true",
        "'P=1 inter-predicted',                   c8 01 00,     false",
        "'B=0 not start of frame',                80 01 00,     false",
        "'I L B, SID 0',                          a8 01 00 00,  true",
        "'I L B, SID 1',                          a8 01 02 00,  false",
        "'I M L B, 15-bit pid, SID 0',            a8 81 23 00,  true",
        "'L set but truncated',                   a8 01,        false",
    })
    void vp9(String name, String hex, boolean key) {
        byte[] b = Hex.bytes(hex);
        assertThat(VideoKeyframes.isVp9Keyframe(b, 0, b.length)).isEqualTo(key);
    }
}
