package io.confero.bench;

import io.confero.loadgen.MediaClip;
import io.confero.recording.Probe;
import io.confero.recording.composite.CompositeKind;
import io.confero.recording.composite.Compositor;
import io.confero.recording.composite.EncoderProbe;
import io.confero.recording.composite.SyntheticMeeting;
import io.confero.recording.format.MeetingEventType;
import io.confero.recording.store.LocalRecordingStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Composite speed: a recording of {@code P} participants, each a 1280x720 30 fps VP8 camera
 * (1.5 Mbit/s, libvpx realtime: what a browser sends) and an Opus microphone, {@code S} seconds
 * long, composited to a 1280x720 H.264 + AAC MP4. Prints the wall time, the multiple of real time
 * and the compositor process's CPU time. The speaker changes every 10 s (round the participants),
 * so {@code kinds} {@code speaker} (or {@code gallery,speaker}: both, one after the other on the
 * same recording) measures the on-demand speaker view too. Not a test: run with
 * {@code java -cp ... io.confero.bench.CompositeBench [seconds] [participants] [encoder] [kinds]}.
 */
public final class CompositeBench {
  private CompositeBench() {
  }

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 180;
    int people = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    String encoder = args.length > 2 ? args[2] : EncoderProbe.detect();
    String kinds = args.length > 3 ? args[3] : "gallery";
    Path dir = Files.createTempDirectory("composite-bench");
    Path clipDir = Path.of(System.getProperty("java.io.tmpdir"), "confero-bench-clips");
    Files.createDirectories(clipDir);
    long t = System.nanoTime();
    MediaClip clip = clip720(clipDir, seconds);
    System.out.printf("clip: %d frames, %.1f s to encode (cached after the first run)%n", clip.videoFrames().size(),
        (System.nanoTime() - t) / 1e9);
    LocalRecordingStore store = new LocalRecordingStore(dir.resolve("store"));
    long t0 = 1_790_000_000_000_000L;
    SyntheticMeeting m = new SyntheticMeeting(dir, store, "bench", t0);
    for (int i = 0; i < people; i++) {
      m.participant("p" + i, clip, i * 0.25, i, 0, 0x1000 * (i + 1));
      m.event(i * 0.25, MeetingEventType.JOIN, "p" + i, "Participant " + i);
    }
    for (int s = 1; s * 10 < seconds; s++) {
      m.event(s * 10, MeetingEventType.ACTIVE_SPEAKER, "p" + (s % people), "");
    }
    m.finish();
    Compositor c = new Compositor(store, dir.resolve("work"), encoder, 1280, 720);
    for (String kind : kinds.split(",")) {
      CompositeKind k = CompositeKind.ofWire(kind).orElseThrow(() -> new IllegalArgumentException(kind));
      long cpu0 = childCpuNanos();
      long w0 = System.nanoTime();
      Compositor.Result r = c.composite("bench", k, t0, seconds, java.util.Map.of());
      double wall = (System.nanoTime() - w0) / 1e9;
      System.out.printf("%s: composited %d s x %d participants with %s: %.1f s wall = %.2fx real time; MP4 %d bytes%n",
          kind, seconds, people, r.encoder(), wall, seconds / wall, r.bytes());
      System.out.printf("%s: JVM+children CPU %.1f s%n", kind, (childCpuNanos() - cpu0) / 1e9);
      System.out.println(Files.readString(Path.of("/proc/loadavg")).trim());
    }
    System.exit(0);
  }

  static MediaClip clip720(Path dir, int seconds) throws Exception {
    Path ivf = dir.resolve("cam-" + seconds + ".ivf");
    Path ogg = dir.resolve("mic-" + seconds + ".ogg");
    if (!Files.exists(ivf)) {
      Probe.ffmpeg(List.of("-y", "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30", "-t", String.valueOf(seconds),
          "-c:v", "libvpx", "-b:v", "1500k", "-g", "90", "-deadline", "realtime", "-cpu-used", "8",
          "-auto-alt-ref", "0", "-lag-in-frames", "0", "-f", "ivf", ivf.toString()));
      Probe.ffmpeg(List.of("-y", "-f", "lavfi", "-i", "sine=f=440:r=48000", "-t", String.valueOf(seconds), "-ac", "2",
          "-c:a", "libopus", "-b:a", "32k", "-frame_duration", "20", ogg.toString()));
    }
    return MediaClip.read(ivf, ogg);
  }

  /** CPU time of this process and its waited-for children (ffmpeg), from /proc/self/stat. */
  static long childCpuNanos() throws Exception {
    String[] f = Files.readString(Path.of("/proc/self/stat")).split("\\) ")[1].split(" ");
    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
    return ticks * 10_000_000L;
  }
}
