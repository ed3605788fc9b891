package io.confero.e2e;

import io.confero.recording.Probe;
import io.confero.recording.composite.CompositorTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a composited recording back with ffmpeg's analysis filters: the mean colour of a region of
 * the canvas frame by frame (who is shown there, and when their white flash starts), and when a
 * participant's beep starts in the mixed audio (a band-pass at that participant's own tone).
 */
final class RecordingAnalysis {
  /** One frame of a region: its time and mean Y, U, V (8-bit, limited range). */
  record Frame(double t, double y, double u, double v) {
    boolean white() {
      return y > 170 && Math.abs(u - 128) < 30 && Math.abs(v - 128) < 30;
    }
  }

  /** The flat colours the fake cameras show, told apart by chroma (BT.601). */
  enum Colour {
    GREEN, BLUE, MAGENTA, WHITE, OTHER;

    static Colour of(Frame f) {
      if (f.white()) {
        return WHITE;
      }
      if (f.v() > 180) {
        return MAGENTA;
      }
      if (f.u() > 185 && f.v() < 150) {
        return BLUE;
      }
      if (f.u() < 112 && f.v() < 112) {
        return GREEN;
      }
      return OTHER;
    }
  }

  private RecordingAnalysis() {
  }

  /** Frame-by-frame mean colour of {@code crop} ({@code w:h:x:y}). */
  static List<Frame> region(Path mp4, String crop) throws Exception {
    String out = Probe.ffmpeg(List.of("-i", mp4.toString(), "-an", "-vf", "crop=" + crop + ",signalstats,metadata=print",
        "-f", "null", "-"));
    List<double[]> y = CompositorTest.metadata(out, "signalstats.YAVG");
    List<double[]> u = CompositorTest.metadata(out, "signalstats.UAVG");
    List<double[]> v = CompositorTest.metadata(out, "signalstats.VAVG");
    List<Frame> frames = new ArrayList<>();
    for (int i = 0; i < Math.min(y.size(), Math.min(u.size(), v.size())); i++) {
      frames.add(new Frame(y.get(i)[0], y.get(i)[1], u.get(i)[1], v.get(i)[1]));
    }
    return frames;
  }

  /** When a flash starts in {@code frames}: a white frame after one showing {@code colour}. */
  static List<Double> flashes(List<Frame> frames, Colour colour) {
    List<Double> out = new ArrayList<>();
    for (int i = 1; i < frames.size(); i++) {
      if (Colour.of(frames.get(i)) == Colour.WHITE && Colour.of(frames.get(i - 1)) == colour) {
        out.add(frames.get(i).t());
      }
    }
    return out;
  }

  /** The first time {@code colour} is shown in any of the regions, or +infinity. */
  static double firstSeen(List<List<Frame>> regions, Colour colour) {
    return regions.stream().flatMap(List::stream).filter(f -> Colour.of(f) == colour).mapToDouble(Frame::t).min()
        .orElse(Double.POSITIVE_INFINITY);
  }

  /** The last time {@code colour} is shown in any of the regions, or -infinity. */
  static double lastSeen(List<List<Frame>> regions, Colour colour) {
    return regions.stream().flatMap(List::stream).filter(f -> Colour.of(f) == colour).mapToDouble(Frame::t).max()
        .orElse(Double.NEGATIVE_INFINITY);
  }

  /**
   * When a {@code hz} tone starts in the mix: 2 ms windows of the band-passed audio rising above 15 dB
   * under the band's loudest window, after at least 300 ms below it.
   */
  static List<Double> beeps(Path mp4, int hz) throws Exception {
    String band = "bandpass=f=" + hz + ":width_type=q:w=8";
    List<double[]> rms = CompositorTest.metadata(Probe.ffmpeg(List.of("-i", mp4.toString(), "-vn", "-af",
        band + "," + band + ",asetnsamples=96,astats=metadata=1:reset=1,ametadata=print:key=lavfi.astats.Overall.RMS_level",
        "-f", "null", "-")), "RMS_level");
    double loudest = rms.stream().mapToDouble(w -> w[1]).max().orElse(-200);
    double threshold = loudest - 15;
    List<Double> out = new ArrayList<>();
    double quietSince = Double.NEGATIVE_INFINITY;
    boolean loud = false;
    for (double[] w : rms) {
      if (w[1] > threshold) {
        if (!loud && w[0] - quietSince >= 0.3) {
          out.add(w[0]);
        }
        loud = true;
      } else {
        if (loud || quietSince == Double.NEGATIVE_INFINITY) {
          quietSince = w[0];
        }
        loud = false;
      }
    }
    return out;
  }

  /** For each flash, how far the nearest beep is (seconds; +infinity without beeps). */
  static List<Double> offsets(List<Double> flashes, List<Double> beeps) {
    return flashes.stream().map(f -> beeps.stream().mapToDouble(b -> Math.abs(b - f)).min()
        .orElse(Double.POSITIVE_INFINITY)).toList();
  }
}
