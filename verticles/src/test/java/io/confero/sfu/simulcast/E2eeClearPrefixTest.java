package io.confero.sfu.simulcast;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.sfu.forward.VideoKeyframes;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * docs/e2ee.md, "What the SFU still reads": in an end-to-end encrypted meeting the browser leaves
 * the first 10 bytes of a VP8 key frame and the first 3 of a delta frame clear (the RFC 6386 §9.1
 * frame tag and key-frame header) and encrypts the rest into an SFrame (RFC 9605) that follows. The
 * RTP payload descriptor (RFC 7741 §4.2) is written by the packetizer after encryption, so it is
 * clear anyway. Whatever the ciphertext bytes are, the SFU's key-frame detection, the key-frame
 * height that drives layer selection and the PictureID/TL0PICIDX rewrite give the same answers as
 * for plain media, and the rewrite touches no byte of the encrypted frame.
 */
class E2eeClearPrefixTest {
  /** Descriptor X=1, S=1, PID=0; I, L, T set; 15-bit PictureID 0x1234; TL0PICIDX 7; TID 0, Y. */
  private static final byte[] DESCRIPTOR = {(byte) 0x90, (byte) 0xE0, (byte) 0x92, 0x34, 0x07, 0x20};
  /** Key frame: frame tag (P=0, show_frame), start code 9d 01 2a, width 1280, height 720. */
  private static final byte[] KEY_PREFIX = {0x50, 0x42, 0x00, (byte) 0x9D, 0x01, 0x2A, 0x00, 0x05, (byte) 0xD0, 0x02};
  /** Delta frame: frame tag with P=1. */
  private static final byte[] DELTA_PREFIX = {0x31, 0x22, 0x01};

  @Property(tries = 500)
  void aKeyFrameWithAnyCiphertextIsStillAKeyFrameOfItsHeight(@ForAll @Size(min = 1, max = 64) byte[] sframe) {
    byte[] payload = concat(DESCRIPTOR, KEY_PREFIX, sframe);
    assertThat(VideoKeyframes.isVp8Keyframe(payload, 0, payload.length)).isTrue();
    Vp8Descriptor d = Vp8Descriptor.parse(payload, 0, payload.length);
    assertThat(d.keyframe()).isTrue();
    assertThat(d.keyframeHeight(payload, payload.length)).isEqualTo(720);
    assertThat(d.pictureId()).isEqualTo(0x1234);
    assertThat(d.tl0PicIdx()).isEqualTo(7);
  }

  @Property(tries = 500)
  void aDeltaFrameWithAnyCiphertextIsNeverAKeyFrame(@ForAll @Size(min = 1, max = 64) byte[] sframe) {
    byte[] payload = concat(DESCRIPTOR, DELTA_PREFIX, sframe);
    assertThat(VideoKeyframes.isVp8Keyframe(payload, 0, payload.length)).isFalse();
    Vp8Descriptor d = Vp8Descriptor.parse(payload, 0, payload.length);
    assertThat(d.keyframe()).isFalse();
    assertThat(d.keyframeHeight(payload, payload.length)).isEqualTo(-1);
  }

  @Property(tries = 300)
  void theMungerRewritesOnlyTheClearDescriptor(@ForAll @Size(min = 1, max = 64) byte[] sframe,
      @ForAll @IntRange(max = 32767) int pictureId, @ForAll @IntRange(max = 255) int tl0) {
    byte[] payload = concat(DESCRIPTOR, KEY_PREFIX, sframe);
    byte[] frame = Arrays.copyOfRange(payload, DESCRIPTOR.length, payload.length);
    Vp8Descriptor.parse(payload, 0, payload.length).write(payload, pictureId, tl0, -1);
    assertThat(Arrays.copyOfRange(payload, DESCRIPTOR.length, payload.length)).isEqualTo(frame);
    Vp8Descriptor again = Vp8Descriptor.parse(payload, 0, payload.length);
    assertThat(again.pictureId()).isEqualTo(pictureId);
    assertThat(again.tl0PicIdx()).isEqualTo(tl0);
  }

  private static byte[] concat(byte[]... parts) {
    int n = Arrays.stream(parts).mapToInt(p -> p.length).sum();
    byte[] out = new byte[n];
    int i = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, i, p.length);
      i += p.length;
    }
    return out;
  }
}
