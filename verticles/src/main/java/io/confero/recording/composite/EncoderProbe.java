package io.confero.recording.composite;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Picks the H.264 encoder: {@code h264_nvenc} when ffmpeg has it and a one-frame trial encode on
 * the GPU succeeds (an NVIDIA GPU and driver are present), {@code libx264} otherwise.
 */
public final class EncoderProbe {
  public static final String NVENC = "h264_nvenc";
  public static final String X264 = "libx264";

  private EncoderProbe() {
  }

  /** The encoder to use on this machine (runs ffmpeg once; call off the event loop). */
  public static String detect() {
    List<String> trial = List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
        "color=c=black:s=256x144:r=30:d=0.1", "-c:v", NVENC, "-f", "null", "-");
    try {
      Process p = new ProcessBuilder(trial).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return X264;
      }
      return p.exitValue() == 0 ? NVENC : X264;
    } catch (IOException e) {
      return X264;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return X264;
    }
  }
}
