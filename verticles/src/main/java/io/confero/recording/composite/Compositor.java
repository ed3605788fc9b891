package io.confero.recording.composite;

import io.confero.recording.depacketize.Depacketized;
import io.confero.recording.depacketize.TrackDepacketizer;
import io.confero.recording.format.TrackKind;
import io.confero.recording.format.TrackRecord;
import io.confero.recording.store.RecordingStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Composites one recording: fetches its track chunks from the store, depacketizes every track,
 * puts them on one clock, plans the layout, runs ffmpeg once, and stores {@code recording.mp4}.
 * A track that cannot be read or depacketized is left out with a logged reason (its owner shows
 * by name); only a recording with nothing usable, or an ffmpeg failure, fails. Blocking: run it on
 * a worker thread.
 */
public final class Compositor {
  private static final Logger LOG = LoggerFactory.getLogger(Compositor.class);

  /** What compositing produced. */
  public record Result(String key, double seconds, long bytes, String encoder, List<TrackSet.Failure> failures) {
  }

  private final RecordingStore store;
  private final Path workRoot;
  private final String encoder;
  private final int width;
  private final int height;

  public Compositor(RecordingStore store, Path workRoot, String encoder, int width, int height) {
    this.store = store;
    this.workRoot = workRoot;
    this.encoder = encoder;
    this.width = width;
    this.height = height;
  }

  /** The store key of a recording's MP4 (the gallery). */
  public static String mp4Key(String recordingId) {
    return CompositeKind.GALLERY.key(recordingId);
  }

  /** The store key prefix of a recording's raw track chunks. */
  public static String tracksPrefix(String recordingId) {
    return recordingId + "/tracks/";
  }

  public Result composite(String recordingId, long startMicros, double seconds) throws IOException, InterruptedException {
    return composite(recordingId, startMicros, seconds, Map.of());
  }

  /** Composites the gallery with display names by participant id (for tiles whose events name nobody). */
  public Result composite(String recordingId, long startMicros, double seconds, Map<String, String> names)
      throws IOException, InterruptedException {
    return composite(recordingId, CompositeKind.GALLERY, startMicros, seconds, names);
  }

  /** Composites the {@code kind} view of a recording and stores it under {@link CompositeKind#key}. */
  public Result composite(String recordingId, CompositeKind kind, long startMicros, double seconds,
      Map<String, String> names) throws IOException, InterruptedException {
    Files.createDirectories(workRoot);
    Path work = Files.createTempDirectory(workRoot, "composite-");
    try {
      List<Path> chunks = new ArrayList<>();
      for (String key : store.list(tracksPrefix(recordingId))) {
        Path local = work.resolve(key.substring(key.lastIndexOf('/') + 1));
        store.get(key, local);
        chunks.add(local);
      }
      TrackSet set = TrackSet.read(chunks);
      List<TrackSet.Failure> failures = new ArrayList<>(set.failures());
      Prepared p = prepare(set, work, startMicros, seconds, failures, names);
      if (p.videos.isEmpty() && p.audios.isEmpty()) {
        throw new IOException("no usable track in recording " + recordingId + ": " + failures);
      }
      failures.forEach(f -> LOG.warn("recording {} track {} left out: {}", recordingId, f.trackId(), f.reason()));
      Path mp4 = work.resolve("recording.mp4");
      run(p, kind, work, seconds, mp4);
      String key = kind.key(recordingId);
      store.put(key, mp4);
      return new Result(key, seconds, Files.size(mp4), encoder, List.copyOf(failures));
    } finally {
      deleteTree(work);
    }
  }

  private static final class Prepared {
    final MeetingTimeline timeline;
    final Map<Integer, CompositePlan.Track> videos = new HashMap<>();
    final List<LayoutPlanner.VideoSpan> spans = new ArrayList<>();
    final List<CompositePlan.Track> audios = new ArrayList<>();
    final Map<String, Path> names = new LinkedHashMap<>();

    Prepared(MeetingTimeline timeline) {
      this.timeline = timeline;
    }
  }

  private Prepared prepare(TrackSet set, Path work, long startMicros, double seconds, List<TrackSet.Failure> failures,
      Map<String, String> names) throws IOException {
    List<TrackRecord.Event> events = new ArrayList<>();
    Map<String, List<Long>> offsets = new HashMap<>();
    for (TrackSet.Track t : set.tracks()) {
      if (t.header().kind() == TrackKind.EVENTS) {
        t.records().forEach(r -> events.add((TrackRecord.Event) r));
      } else {
        offsets.computeIfAbsent(t.header().participantId(), k -> new ArrayList<>())
            .addAll(TrackTiming.senderOffsets(t.records()));
      }
    }
    Prepared p = new Prepared(MeetingTimeline.of(events, startMicros, seconds));
    int index = 0;
    for (TrackSet.Track t : set.tracks()) {
      if (t.header().kind() == TrackKind.EVENTS) {
        continue;
      }
      Depacketized d = TrackDepacketizer.depacketize(t.header().codec(), t.header().ssrc(), t.records());
      if (d == null) {
        failures.add(new TrackSet.Failure(t.header().trackId(), "no decodable media (" + t.problems() + ")"));
        continue;
      }
      String pid = t.header().participantId();
      long origin = TrackTiming.originMicros(t.records(), d.originTimestamp(), t.header().codec().clockRate(),
          TrackTiming.median(offsets.getOrDefault(pid, List.of())), d.originAtMicros());
      double start = (origin - startMicros) / 1e6;
      Path file = Files.write(work.resolve("track-" + index + "." + d.extension()), d.bytes());
      CompositePlan.Track track = new CompositePlan.Track(file, start);
      p.timeline.ensurePresent(pid, Math.max(0, start));
      if (t.header().kind().isVideo()) {
        p.videos.put(index, track);
        p.spans.add(new LayoutPlanner.VideoSpan(index, pid, t.header().kind() == TrackKind.SCREEN, start,
            start + d.seconds()));
      } else {
        p.audios.add(track);
      }
      index++;
    }
    p.timeline.names(names);
    for (MeetingTimeline.Person person : p.timeline.people()) {
      p.names.put(person.id(), Files.writeString(work.resolve("name-" + p.names.size() + ".txt"), person.name(),
          StandardCharsets.UTF_8));
    }
    return p;
  }

  private void run(Prepared p, CompositeKind kind, Path work, double seconds, Path mp4)
      throws IOException, InterruptedException {
    List<Layout> layouts = new LayoutPlanner(width, height, kind).plan(p.timeline, p.spans);
    CompositePlan.Command cmd = CompositePlan.build(layouts, p.videos, p.audios, p.names, seconds,
        new CompositePlan.Output(width, height, 30, encoder, mp4));
    Path script = Files.writeString(work.resolve("graph.txt"), cmd.filterScript());
    List<String> argv = new ArrayList<>(List.of("ffmpeg"));
    argv.addAll(cmd.withScript(script));
    Path log = work.resolve("ffmpeg.log");
    Process proc = new ProcessBuilder(argv).directory(work.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    long limit = 120 + (long) (seconds * 4);
    if (!proc.waitFor(limit, TimeUnit.SECONDS)) {
      proc.destroyForcibly();
      throw new IOException("ffmpeg did not finish within " + limit + " s");
    }
    if (proc.exitValue() != 0 || !Files.exists(mp4)) {
      String tail = Files.readString(log, StandardCharsets.UTF_8);
      throw new IOException("ffmpeg failed (" + proc.exitValue() + "): " + tail.substring(Math.max(0, tail.length() - 800)));
    }
  }

  static void deleteTree(Path dir) throws IOException {
    try (var walk = Files.walk(dir)) {
      for (Path f : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    }
  }
}
