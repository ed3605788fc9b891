package io.confero.recording.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Where recordings live: raw track chunks while and after a meeting, the composited MP4 after it.
 * Keys are relative, slash-separated paths ({@code <recordingId>/tracks/<file>}). Every method
 * blocks: call it on a worker executor, never on an event loop.
 */
public interface RecordingStore {
  /** Stores the file's bytes under {@code key}, replacing what was there. */
  void put(String key, Path file) throws IOException;

  /** Copies what is under {@code key} to {@code target}. */
  void get(String key, Path target) throws IOException;

  /** Opens what is under {@code key} for reading; the caller closes it. */
  InputStream open(String key) throws IOException;

  /** The size in bytes of what is under {@code key}, or -1 when nothing is. */
  long size(String key) throws IOException;

  /** The keys that start with {@code prefix}, sorted. */
  List<String> list(String prefix) throws IOException;

  /** Deletes every key that starts with {@code prefix}; returns how many. */
  int deleteAll(String prefix) throws IOException;

  /** Checks a key is a relative path of safe segments; returns it. */
  static String checkKey(String key) {
    if (key == null || key.isEmpty() || key.startsWith("/") || key.contains("\\")
        || !key.matches("[A-Za-z0-9._/-]+") || List.of(key.split("/")).stream().anyMatch(s -> s.isEmpty() || s.equals("..") || s.equals("."))) {
      throw new IllegalArgumentException("bad recording store key: " + key);
    }
    return key;
  }
}
