package io.confero.recording.composite;

import io.confero.recording.format.TrackFile;
import io.confero.recording.format.TrackFileReader;
import io.confero.recording.format.TrackFormatException;
import io.confero.recording.format.TrackHeader;
import io.confero.recording.format.TrackRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tracks of one recording read back from their chunk files: per track the header and the
 * records of every readable chunk in order. A chunk that cannot be read is left out with a
 * reason; a track whose every chunk fails is a failed track, not a failed recording.
 */
public final class TrackSet {
  /** One track's header and records, and what was wrong with its chunks. */
  public record Track(TrackHeader header, List<TrackRecord> records, List<String> problems) {
  }

  /** A track that could not be used at all. */
  public record Failure(String trackId, String reason) {
  }

  private final List<Track> tracks;
  private final List<Failure> failures;

  private TrackSet(List<Track> tracks, List<Failure> failures) {
    this.tracks = tracks;
    this.failures = failures;
  }

  public List<Track> tracks() {
    return tracks;
  }

  public List<Failure> failures() {
    return failures;
  }

  /** The track id of a chunk file name ({@code <trackId>.<NNNNN>.cfrt}), or {@code null}. */
  static String trackIdOf(String fileName) {
    return fileName.matches(".+\\.\\d{5}\\.cfrt") ? fileName.substring(0, fileName.length() - 11) : null;
  }

  /** Reads the chunk files (any order) into tracks. */
  public static TrackSet read(List<Path> chunkFiles) throws IOException {
    Map<String, List<Path>> byTrack = new TreeMap<>();
    for (Path f : chunkFiles) {
      String id = trackIdOf(f.getFileName().toString());
      if (id != null) {
        byTrack.computeIfAbsent(id, k -> new ArrayList<>()).add(f);
      }
    }
    List<Track> tracks = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    for (Map.Entry<String, List<Path>> e : byTrack.entrySet()) {
      List<Path> chunks = new ArrayList<>(e.getValue());
      chunks.sort(null);
      Track t = readTrack(chunks);
      if (t.header() == null) {
        failures.add(new Failure(e.getKey(), String.join("; ", t.problems())));
      } else {
        tracks.add(t);
      }
    }
    return new TrackSet(List.copyOf(tracks), List.copyOf(failures));
  }

  private static Track readTrack(List<Path> chunks) throws IOException {
    TrackHeader header = null;
    List<TrackRecord> records = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Path c : chunks) {
      byte[] b = Files.readAllBytes(c);
      try {
        TrackFile f = TrackFileReader.read(b, 0, b.length);
        if (header != null && (f.header().ssrc() != header.ssrc() || f.header().codec() != header.codec())) {
          problems.add(c.getFileName() + ": belongs to another track");
          continue;
        }
        header = header == null ? f.header() : header;
        records.addAll(f.records());
        if (f.tail() != TrackFile.Tail.CLEAN) {
          problems.add(c.getFileName() + ": " + f.tail().name().toLowerCase() + " (" + f.tailReason() + ")");
        }
      } catch (TrackFormatException ex) {
        problems.add(c.getFileName() + ": " + ex.getMessage());
      }
    }
    return new Track(header, records, problems);
  }
}
