package io.confero.recording.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Recordings in a local folder (the embedded default): a key is a relative path under the root. */
public final class LocalRecordingStore implements RecordingStore {
  private final Path root;

  public LocalRecordingStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  private Path path(String key) {
    return root.resolve(RecordingStore.checkKey(key));
  }

  @Override
  public void put(String key, Path file) throws IOException {
    Path target = path(key);
    Files.createDirectories(target.getParent());
    Path tmp = Files.createTempFile(target.getParent(), ".put-", ".tmp");
    Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING);
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public void get(String key, Path target) throws IOException {
    Files.copy(path(key), target, StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public InputStream open(String key) throws IOException {
    return Files.newInputStream(path(key));
  }

  @Override
  public long size(String key) throws IOException {
    try {
      return Files.size(path(key));
    } catch (NoSuchFileException e) {
      return -1;
    }
  }

  @Override
  public List<String> list(String prefix) throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    List<String> keys = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
          .filter(k -> k.startsWith(prefix) && !k.contains("/.put-")).sorted().forEach(keys::add);
    }
    return keys;
  }

  @Override
  public int deleteAll(String prefix) throws IOException {
    List<String> keys = list(prefix);
    for (String k : keys) {
      Files.deleteIfExists(path(k));
    }
    pruneEmptyFolders();
    return keys.size();
  }

  private void pruneEmptyFolders() throws IOException {
    try (Stream<Path> dirs = Files.walk(root)) {
      for (Path d : dirs.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList()) {
        try (Stream<Path> entries = Files.list(d)) {
          if (!d.equals(root) && entries.findAny().isEmpty()) {
            Files.deleteIfExists(d);
          }
        }
      }
    }
  }
}
