package io.confero.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.recording.store.InJvmS3;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link RecordingE2ETest}'s scenario with the node keeping its recordings in an S3-compatible store:
 * a real S3 API server in the test JVM ({@code org.gaul:s3proxy} over a filesystem backend, signed
 * requests checked), configured through {@code recording.store = s3} and {@code recording.s3.*}.
 * The raw track chunks are uploaded there while the meeting runs, the compositor reads them back
 * from it, and the MP4 the home page's link downloads comes from it.
 */
@EndToEnd
class RecordingS3E2ETest {
  @RegisterExtension
  static final Browsers browsers = new Browsers();

  @RegisterExtension
  static final InJvmS3 s3 = new InJvmS3();

  @RegisterExtension
  static final RunningServer server = new RunningServer(s3.serverOverrides());

  @Test
  void theSameRecordingThroughTheS3Store() throws Exception {
    RecordedMeeting.Result r = new RecordedMeeting(browsers, server, "RecordingS3E2ETest").run();
    RecordedMeeting.check(r);
    try (var files = Files.walk(s3.bucketDir())) {
      var keys = files.filter(Files::isRegularFile).map(f -> s3.bucketDir().relativize(f).toString()).toList();
      assertThat(keys).as("the bucket holds the MP4 and the raw tracks")
          .anyMatch(k -> k.startsWith(InJvmS3.PREFIX + "/" + r.recordingId() + "/") && k.endsWith(".mp4"))
          .anyMatch(k -> k.startsWith(InJvmS3.PREFIX + "/" + r.recordingId() + "/") && k.endsWith(".cfrt"));
    }
    assertThat(server.node().dataDir().resolve("recordings").resolve(r.recordingId())).doesNotExist();
  }
}
