package io.confero.loadgen;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/**
 * Fuzz: the load participant's parsers (IVF, Ogg Opus, VP8 payload descriptor) throw nothing but
 * {@link IllegalArgumentException} on arbitrary or mutated input.
 */
class LoadMediaFuzzTest {

  @Property(tries = 2000)
  void ivfNeverThrowsAnythingElse(@ForAll @Size(max = 120) byte[] tail, @ForAll int at, @ForAll byte value) {
    byte[] seed = LoadMediaFormatsTest.ivf(LoadMediaFormatsTest.VP8_KEYFRAME_320X240, tail);
    seed[Math.floorMod(at, seed.length)] = value;
    parseQuietly(() -> IvfReader.parse(seed, 0, seed.length));
    parseQuietly(() -> IvfReader.parse(seed, 0, Math.floorMod(at, seed.length)));
  }

  @Property(tries = 2000)
  void oggNeverThrowsAnythingElse(@ForAll @Size(max = 600) byte[] packet, @ForAll int at, @ForAll byte value) {
    byte[] head = LoadMediaFormatsTest.oggPage("OpusHead".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    byte[] body = LoadMediaFormatsTest.oggPage(packet, packet);
    byte[] seed = new byte[head.length + body.length];
    System.arraycopy(head, 0, seed, 0, head.length);
    System.arraycopy(body, 0, seed, head.length, body.length);
    seed[Math.floorMod(at, seed.length)] = value;
    parseQuietly(() -> OggOpusReader.parse(seed, 0, seed.length));
    parseQuietly(() -> OggOpusReader.parse(seed, 0, Math.floorMod(at, seed.length)));
  }

  @Property(tries = 3000)
  void vp8DescriptorNeverThrows(@ForAll @Size(max = 24) byte[] payload) {
    Vp8Rtp.keyframeSize(payload, 0, payload.length);
    Vp8Rtp.descriptorLength(payload, 0, payload.length);
  }

  private static void parseQuietly(Runnable parse) {
    try {
      parse.run();
    } catch (IllegalArgumentException expected) {
      // refused with a reason: what a bad file should get
    }
  }
}
