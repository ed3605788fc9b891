package io.confero.loadgen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a load participant sends, looped: a VP8 clip (IVF, one keyframe per second) and an Opus clip
 * (Ogg, 20 ms packets), both encoded once by ffmpeg from its test sources, so the participants
 * themselves never encode anything.
 */
public record MediaClip(List<byte[]> videoFrames, List<Boolean> keyframes, int width, int height,
    int frameIntervalMillis, List<byte[]> opusPackets) {

  /** Reads a clip from an IVF (VP8) and an Ogg Opus file. */
  public static MediaClip read(Path ivf, Path ogg) throws IOException {
    byte[] v = Files.readAllBytes(ivf);
    IvfReader.Ivf parsed = IvfReader.parse(v, 0, v.length);
    if (!"VP80".equals(parsed.fourcc()) || parsed.frames().isEmpty()) {
      throw new IllegalArgumentException(ivf + " is not a VP8 IVF file with frames");
    }
    List<byte[]> frames = new ArrayList<>();
    List<Boolean> keys = new ArrayList<>();
    for (IvfReader.Frame f : parsed.frames()) {
      frames.add(f.data());
      keys.add(f.data().length > 0 && (f.data()[0] & 0x01) == 0);
    }
    if (!keys.get(0)) {
      throw new IllegalArgumentException(ivf + " does not start with a keyframe");
    }
    int interval = (int) Math.max(1, Math.round(1000.0 * parsed.timebaseScale() / Math.max(1, parsed.timebaseRate())));
    byte[] a = Files.readAllBytes(ogg);
    List<byte[]> opus = OggOpusReader.parse(a, 0, a.length);
    if (opus.isEmpty()) {
      throw new IllegalArgumentException(ogg + " has no Opus audio packets");
    }
    return new MediaClip(List.copyOf(frames), List.copyOf(keys), parsed.width(), parsed.height(), interval, opus);
  }

  /**
   * Encodes a clip with ffmpeg into {@code dir} (unless it is already there) and reads it: {@code
   * seconds} of ffmpeg's testsrc2 pattern at the size and rate given, VP8 with a keyframe every
   * second, and a 440 Hz tone as 20 ms Opus packets.
   */
  public static MediaClip generate(Path dir, int width, int height, int fps, int seconds)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    String stem = "loadgen-" + width + "x" + height + "-" + fps + "fps-" + seconds + "s";
    Path ivf = dir.resolve(stem + ".ivf");
    Path ogg = dir.resolve(stem + ".ogg");
    if (!Files.exists(ivf)) {
      ffmpeg(dir, List.of("-f", "lavfi", "-i", "testsrc2=size=" + width + "x" + height + ":rate=" + fps,
          "-t", String.valueOf(seconds), "-c:v", "libvpx", "-b:v", "300k", "-g", String.valueOf(fps),
          "-keyint_min", String.valueOf(fps), "-deadline", "realtime", "-cpu-used", "8", "-auto-alt-ref", "0",
          "-lag-in-frames", "0", "-f", "ivf"), ivf);
    }
    if (!Files.exists(ogg)) {
      ffmpeg(dir, List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", String.valueOf(seconds),
          "-ac", "2", "-c:a", "libopus", "-b:a", "32k", "-frame_duration", "20", "-application", "voip", "-f", "ogg"), ogg);
    }
    return read(ivf, ogg);
  }

  private static void ffmpeg(Path dir, List<String> args, Path out) throws IOException, InterruptedException {
    Path tmp = Files.createTempFile(dir, "encoding-", ".tmp");
    List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-loglevel", "error", "-y"));
    cmd.addAll(args);
    cmd.add(tmp.toString());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("ffmpeg.log").toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException("ffmpeg failed to write " + out + " (see " + dir.resolve("ffmpeg.log") + ")");
    }
    Files.move(tmp, out, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
