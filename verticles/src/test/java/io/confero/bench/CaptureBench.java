package io.confero.bench;

import io.confero.recording.capture.TrackFileWriter;
import io.confero.recording.depacketize.RtpFixtures;
import io.confero.recording.format.TrackCodec;
import io.confero.recording.format.TrackHeader;
import io.confero.recording.format.TrackKind;
import io.confero.recording.format.TrackRecord;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Capture cost: the work a recorded meeting adds to the SFU worker (copying each packet and
 * encoding its record) and to the capture executor (writing and forcing chunks every 2 s), for
 * {@code P} participants each sending 1200-byte video packets at {@code V}/s and 100-byte audio at
 * 50/s, replayed as fast as possible for {@code S} seconds of media. Prints CPU seconds per second
 * of meeting (the fraction of a core a recorded meeting costs) and bytes written per second.
 * Not a test: {@code java -cp ... io.confero.bench.CaptureBench [seconds] [participants] [videoPps]}.
 */
public final class CaptureBench {
  private CaptureBench() {
  }

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 120;
    int people = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    int videoPps = args.length > 2 ? Integer.parseInt(args[2]) : 150;
    Vertx vertx = Vertx.vertx();
    WorkerExecutor io = vertx.createSharedWorkerExecutor("bench-capture", 4);
    Path dir = Files.createTempDirectory("capture-bench");
    long[] clock = {1_790_000_000_000_000L};
    List<TrackFileWriter> writers = new ArrayList<>();
    for (int p = 0; p < people; p++) {
      writers.add(new TrackFileWriter(io, dir, new TrackHeader(TrackKind.CAMERA, TrackCodec.VP8, 2 * p, "p" + p,
          "p" + p + "-cam", 0, clock[0]), () -> clock[0], Duration.ofSeconds(30), (h, f) -> { }));
      writers.add(new TrackFileWriter(io, dir, new TrackHeader(TrackKind.AUDIO, TrackCodec.OPUS, 2 * p + 1, "p" + p,
          "p" + p + "-mic", 0, clock[0]), () -> clock[0], Duration.ofSeconds(30), (h, f) -> { }));
    }
    byte[] video = RtpFixtures.rtp(96, false, 1, 0, 1, new byte[1200]);
    byte[] audio = RtpFixtures.rtp(111, false, 1, 0, 1, new byte[100]);
    var threads = ManagementFactory.getThreadMXBean();
    long cpu0 = processCpu();
    long wall0 = System.nanoTime();
    long packets = 0;
    for (int s = 0; s < seconds * 50; s++) { // 20 ms steps
      clock[0] += 20_000;
      for (int p = 0; p < people; p++) {
        for (int k = 0; k < videoPps / 50; k++) {
          writers.get(2 * p).append(new TrackRecord.Rtp(clock[0], copy(video)));
          packets++;
        }
        writers.get(2 * p + 1).append(new TrackRecord.Rtp(clock[0], copy(audio)));
        packets++;
      }
      if (s % 100 == 99) { // every 2 s of media, as the SFU worker's tick does
        for (TrackFileWriter w : writers) {
          w.flush().await(30, TimeUnit.SECONDS);
        }
      }
    }
    for (TrackFileWriter w : writers) {
      w.close().await(30, TimeUnit.SECONDS);
    }
    double cpu = (processCpu() - cpu0) / 1e9;
    long bytes;
    try (var files = Files.list(dir)) {
      bytes = files.mapToLong(f -> f.toFile().length()).sum();
    }
    System.out.printf("%d participants, %d s of media, %d packets: %.2f CPU s (%.1f s wall) = %.4f core per recorded"
        + " meeting; %.0f kB/s written%n", people, seconds, packets, cpu, (System.nanoTime() - wall0) / 1e9,
        cpu / seconds, bytes / 1000.0 / seconds);
    System.out.println(Files.readString(Path.of("/proc/loadavg")).trim() + " (threads " + threads.getThreadCount() + ")");
    vertx.close();
    System.exit(0);
  }

  static byte[] copy(byte[] b) {
    return b.clone();
  }

  static long processCpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }
}
