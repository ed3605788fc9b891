package io.confero.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Server-side recording of a three-party call between headless Chromium participants, with the
 * node's default local recording store: the scenario of {@link RecordedMeeting} (flashes and beeps
 * at known instants, a late joiner, an early leaver, Record and Stop by the host, the download from
 * the home page) and issue 15's checks on the MP4 (the flash-to-beep offsets are printed, not
 * asserted: see {@link RecordedMeeting#check}). No browser records anything: the SFU
 * captures what it forwards. {@link RecordingS3E2ETest} runs the same with the S3 store.
 */
@EndToEnd
class RecordingE2ETest {
  @RegisterExtension
  static final Browsers browsers = new Browsers();

  @RegisterExtension
  static final RunningServer server = new RunningServer();

  @Test
  void aThreePartyCallWithALateJoinerAndAnEarlyLeaverBecomesOneMp4() throws Exception {
    RecordedMeeting.Result r = new RecordedMeeting(browsers, server, "RecordingE2ETest").run();
    RecordedMeeting.check(r);
    Path stored = server.node().dataDir().resolve("recordings").resolve(r.recordingId());
    try (var files = Files.walk(stored)) {
      assertThat(files.filter(f -> f.toString().endsWith(".mp4")).count()).as("the MP4 is in the local store").isEqualTo(1);
    }
  }
}
