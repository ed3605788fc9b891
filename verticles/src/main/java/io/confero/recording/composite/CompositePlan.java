package io.confero.recording.composite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the one ffmpeg command that composites a recording: each tile of each layout stretch is
 * its own input (the track file, sought to the stretch and limited to its length, so no decoded
 * frame is buffered for a later stretch), placed on a canvas with {@code overlay}; names are drawn
 * with {@code drawtext} (on a filled box where the camera is off); every audio track is delayed
 * to its place on the clock and mixed with {@code amix}. Pure: paths and numbers in, arguments out.
 */
public final class CompositePlan {
  /** A decoded-by-ffmpeg track file and where its time 0 falls on the recording's clock. */
  public record Track(Path file, double start) {
  }

  /** Output format knobs. */
  public record Output(int width, int height, int fps, String videoEncoder, Path target) {
  }

  private static final String BACKGROUND = "0x202124";
  private static final String NAME_BOX = "0x3c4043";

  private CompositePlan() {
  }

  /**
   * The ffmpeg arguments (after {@code ffmpeg}) and the filter graph script they reference.
   *
   * @param nameFiles a text file holding each participant's name (for drawtext's {@code textfile})
   */
  public static Command build(List<Layout> layouts, Map<Integer, Track> videos, List<Track> audios,
      Map<String, Path> nameFiles, double duration, Output out) {
    List<String> args = new ArrayList<>(List.of("-nostdin", "-hide_banner", "-loglevel", "error", "-y"));
    StringBuilder g = new StringBuilder();
    g.append("color=c=").append(BACKGROUND).append(":s=").append(out.width()).append('x').append(out.height())
        .append(":r=").append(out.fps()).append(":d=").append(num(duration)).append("[b0];\n");
    int input = 0;
    int base = 0;
    for (Layout l : layouts) {
      for (Layout.Tile t : l.tiles()) {
        Track v = t.video() >= 0 ? videos.get(t.video()) : null;
        if (v != null) {
          input = videoInput(args, v, l, input);
          g.append('[').append(input - 1).append(":v]setpts=PTS-STARTPTS+").append(num(Math.max(l.start(), v.start())))
              .append("/TB,scale=").append(t.w()).append(':').append(t.h())
              .append(":force_original_aspect_ratio=decrease,pad=").append(t.w()).append(':').append(t.h())
              .append(":(ow-iw)/2:(oh-ih)/2:color=black,setsar=1[t").append(input - 1).append("];\n");
          g.append("[b").append(base).append("][t").append(input - 1).append("]overlay=x=").append(t.x())
              .append(":y=").append(t.y()).append(":eof_action=pass:enable='").append(between(l)).append("'[b")
              .append(++base).append("];\n");
        }
        g.append("[b").append(base).append(']').append(label(t, v == null, l, nameFiles.get(t.participantId())))
            .append("[b").append(++base).append("];\n");
      }
    }
    g.append("[b").append(base).append("]format=yuv420p[vout];\n");
    audio(args, g, audios, input, duration);
    args.addAll(List.of("-filter_complex_script", "FILTER_SCRIPT", "-map", "[vout]", "-map", "[aout]"));
    args.addAll(encoder(out.videoEncoder()));
    args.addAll(List.of("-r", String.valueOf(out.fps()), "-c:a", "aac", "-b:a", "128k", "-ar", "48000",
        "-t", num(duration), "-movflags", "+faststart", out.target().toString()));
    return new Command(args, g.toString());
  }

  /** Arguments plus the filter script to write where {@code FILTER_SCRIPT} stands. */
  public record Command(List<String> args, String filterScript) {
    /** The arguments with the script's path filled in. */
    public List<String> withScript(Path script) {
      return args.stream().map(a -> a.equals("FILTER_SCRIPT") ? script.toString() : a).toList();
    }
  }

  private static int videoInput(List<String> args, Track v, Layout l, int input) {
    double from = Math.max(0, l.start() - v.start());
    // -reinit_filter 0: a sender that changes resolution mid-call does not restart the graph (scale adapts)
    args.addAll(List.of("-reinit_filter", "0", "-ss", num(from), "-t", num(l.end() - Math.max(l.start(), v.start())),
        "-i", v.file().toString()));
    return input + 1;
  }

  private static void audio(List<String> args, StringBuilder g, List<Track> audios, int first, double duration) {
    if (audios.isEmpty()) {
      g.append("anullsrc=r=48000:cl=stereo,atrim=0:").append(num(duration)).append("[aout]\n");
      return;
    }
    int k = first;
    for (Track a : audios) {
      args.addAll(List.of("-i", a.file().toString()));
      g.append('[').append(k).append(":a]aresample=48000,aformat=channel_layouts=stereo");
      if (a.start() >= 0) {
        g.append(",adelay=delays=").append(Math.round(a.start() * 48_000)).append("S:all=1");
      } else {
        g.append(",atrim=start=").append(num(-a.start())).append(",asetpts=PTS-STARTPTS");
      }
      g.append("[a").append(k).append("];\n");
      k++;
    }
    for (int i = first; i < k; i++) {
      g.append("[a").append(i).append(']');
    }
    g.append("amix=inputs=").append(audios.size()).append(":duration=longest:normalize=0,apad,atrim=0:")
        .append(num(duration)).append("[aout]\n");
  }

  private static String label(Layout.Tile t, boolean cover, Layout l, Path nameFile) {
    String en = "enable='" + between(l) + "'";
    String text = "textfile='" + escape(nameFile.toString()) + "':fontcolor=white";
    if (cover) {
      int size = Math.max(14, t.h() / 8);
      return "drawbox=x=" + t.x() + ":y=" + t.y() + ":w=" + t.w() + ":h=" + t.h() + ":color=" + NAME_BOX
          + ":t=fill:" + en + ",drawtext=" + text + ":fontsize=" + size + ":x=" + t.x() + "+(" + t.w() + "-tw)/2:y="
          + t.y() + "+(" + t.h() + "-th)/2:" + en;
    }
    int size = Math.max(12, t.h() / 18);
    return "drawtext=" + text + ":fontsize=" + size + ":box=1:boxcolor=black@0.5:boxborderw=4:x=" + (t.x() + 8)
        + ":y=" + (t.y() + t.h()) + "-th-12:" + en;
  }

  private static List<String> encoder(String name) {
    if (name.equals("h264_nvenc")) {
      return List.of("-c:v", "h264_nvenc", "-preset", "p4", "-cq", "23", "-pix_fmt", "yuv420p");
    }
    return List.of("-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p");
  }

  private static String between(Layout l) {
    return "between(t," + num(l.start()) + "," + num(l.end()) + ")";
  }

  /** A path as a filter argument: only paths of plain characters are allowed (the compositor makes them). */
  static String escape(String s) {
    if (!s.matches("[A-Za-z0-9/_.+-]+")) {
      throw new IllegalArgumentException("path unsafe in a filter graph: " + s);
    }
    return s;
  }

  static String num(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
