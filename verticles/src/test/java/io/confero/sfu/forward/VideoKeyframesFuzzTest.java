package io.confero.sfu.forward;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Keyframe detectors read network bytes: none may throw on arbitrary payloads or bounds within the array. */
class VideoKeyframesFuzzTest {

    @Property(tries = 3000)
    void arbitraryPayloadsNeverThrow(@ForAll @Size(max = 40) byte[] b, @ForAll @IntRange(max = 40) int cut) {
        int off = Math.min(cut, b.length);
        int len = b.length - off;
        VideoKeyframes.isVp8Keyframe(b, off, len);
        VideoKeyframes.isH264Keyframe(b, off, len);
        VideoKeyframes.isVp9Keyframe(b, off, len);
        VideoKeyframes.isVp8Keyframe(b, 0, off);
        VideoKeyframes.isH264Keyframe(b, 0, off);
        VideoKeyframes.isVp9Keyframe(b, 0, off);
    }
}
