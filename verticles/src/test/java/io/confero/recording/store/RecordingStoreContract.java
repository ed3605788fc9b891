package io.confero.recording.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link RecordingStore} does, run against each implementation. */
abstract class RecordingStoreContract {
  @TempDir
  Path tmp;

  abstract RecordingStore store();

  @Test
  void chunksGoInComeOutListAndDelete() throws Exception {
    RecordingStore s = store();
    byte[] chunk = new byte[200_000];
    new java.util.Random(1).nextBytes(chunk);
    Path file = Files.write(tmp.resolve("c"), chunk);
    s.put("rec-1/tracks/a.00000.cfrt", file);
    s.put("rec-1/tracks/a.00001.cfrt", file);
    s.put("rec-2/recording.mp4", file);

    assertThat(s.list("rec-1/")).containsExactly("rec-1/tracks/a.00000.cfrt", "rec-1/tracks/a.00001.cfrt");
    assertThat(s.size("rec-1/tracks/a.00001.cfrt")).isEqualTo(chunk.length);
    assertThat(s.size("rec-1/nothing")).isEqualTo(-1);
    Path back = tmp.resolve("back");
    s.get("rec-1/tracks/a.00000.cfrt", back);
    assertThat(Files.readAllBytes(back)).isEqualTo(chunk);
    try (InputStream in = s.open("rec-2/recording.mp4")) {
      assertThat(in.readAllBytes()).isEqualTo(chunk);
    }

    assertThat(s.deleteAll("rec-1/")).isEqualTo(2);
    assertThat(s.list("rec-1/")).isEmpty();
    assertThat(s.list("")).containsExactly("rec-2/recording.mp4");
    assertThatThrownBy(() -> s.open("rec-1/tracks/a.00000.cfrt").close()).isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void keysThatEscapeAreRefused() {
    RecordingStore s = store();
    for (String bad : new String[] {"../x", "/abs", "a/../../b", "a//b", "a\\b", "a b"}) {
      assertThatThrownBy(() -> s.size(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
