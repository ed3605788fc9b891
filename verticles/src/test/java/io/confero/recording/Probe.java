package io.confero.recording;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs ffprobe / ffmpeg on a file for interop assertions. */
public final class Probe {
  private Probe() {
  }

  /** ffprobe's streams and format, with decoded frame counts, as JSON. */
  public static JsonObject probe(Path file) throws IOException, InterruptedException {
    return new JsonObject(run(List.of("ffprobe", "-v", "error", "-count_frames", "-show_streams", "-show_format",
        "-of", "json", file.toString())));
  }

  /** The first stream of that type ("video"/"audio"). */
  public static JsonObject stream(JsonObject probe, String type) {
    return probe.getJsonArray("streams").stream().map(JsonObject.class::cast)
        .filter(s -> type.equals(s.getString("codec_type"))).findFirst().orElseThrow();
  }

  /** What ffmpeg prints at level "error" while decoding the whole file (empty when clean). */
  public static String decodeErrors(Path file) throws IOException, InterruptedException {
    return run(List.of("ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(), "-f", "null", "-"));
  }

  /** Runs ffmpeg with these arguments and returns stderr+stdout (for filters that log, e.g. volumedetect). */
  public static String ffmpeg(List<String> args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-hide_banner", "-nostats"));
    cmd.addAll(args);
    return run(cmd);
  }

  static String run(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(cmd.get(0) + " did not finish");
    }
    String s = new String(out, StandardCharsets.UTF_8);
    if (p.exitValue() != 0 && cmd.get(0).equals("ffprobe")) {
      throw new IOException("ffprobe failed: " + s);
    }
    return s;
  }
}
