package io.confero.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load participant's clip against tools nobody here wrote: ffmpeg encodes it, and our IVF and
 * Ogg readers must find exactly the packets ffprobe finds, with a keyframe every second.
 */
class MediaClipInteropTest {

  @Test
  void ourReadersAgreeWithFfprobe(@TempDir Path dir) throws Exception {
    MediaClip clip = MediaClip.generate(dir, 320, 240, 15, 3);
    assertThat(clip.width()).isEqualTo(320);
    assertThat(clip.height()).isEqualTo(240);
    assertThat(clip.frameIntervalMillis()).isEqualTo(67);
    Path ivf;
    Path ogg;
    try (var files = Files.list(dir)) {
      var all = files.toList();
      ivf = all.stream().filter(p -> p.toString().endsWith(".ivf")).findFirst().orElseThrow();
      ogg = all.stream().filter(p -> p.toString().endsWith(".ogg")).findFirst().orElseThrow();
    }
    assertThat(clip.videoFrames()).hasSize(ffprobePackets(ivf));
    assertThat(clip.opusPackets()).hasSize(ffprobePackets(ogg));
    assertThat(clip.videoFrames()).hasSize(45);
    assertThat(clip.opusPackets()).hasSizeBetween(149, 151); // 3 s of 20 ms packets (encoder delay aside)
    for (int i = 0; i < clip.keyframes().size(); i++) {
      assertThat(clip.keyframes().get(i)).as("frame " + i + " is a keyframe").isEqualTo(i % 15 == 0);
    }
    byte[] first = Vp8Rtp.packetize(clip.videoFrames().get(0), LoadParticipant.MAX_PAYLOAD).get(0);
    assertThat(Vp8Rtp.keyframeSize(first, 0, first.length)).isEqualTo(320 << 16 | 240);
  }

  static int ffprobePackets(Path file) throws Exception {
    Process p = new ProcessBuilder("ffprobe", "-v", "error", "-count_packets", "-select_streams", "0",
        "-show_entries", "stream=nb_read_packets", "-of", "csv=p=0", file.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes()).strip();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("ffprobe: " + out).isZero();
    return Integer.parseInt(out);
  }
}
