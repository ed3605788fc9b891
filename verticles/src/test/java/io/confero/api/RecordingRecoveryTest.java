package io.confero.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.confero.app.TestNode;
import io.confero.recording.composite.SyntheticMeeting;
import io.confero.recording.format.MeetingEventType;
import io.confero.recording.store.LocalRecordingStore;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node that goes away mid-recording (its capture never stopped, its last chunks never uploaded,
 * one cut mid-record): after the restart the recording is stopped as partial, the chunks left on
 * disk are uploaded and composited, and it becomes ready.
 */
class RecordingRecoveryTest {
  @TempDir
  Path tmp;

  @Test
  void aRecordingCutShortByARestartIsCompositedAsPartial() throws Exception {
    Path data = tmp.resolve("node");
    String m;
    String rid;
    Instant at;
    try (TestNode node = TestNode.start(data, Map.of())) {
      RestClient rest = new RestClient(node.baseUrl());
      String token = rest.token();
      m = rest.authed(token, "POST", "/api/v1/meetings", "{\"title\":\"Crash\",\"type\":\"instant\"}").json()
          .getString("meeting_id");
      JsonObject started = rest.authed(token, "POST", "/api/v1/meetings/" + m + "/recordings", "{}").json();
      rid = started.getString("recording_id");
      at = Instant.parse(started.getString("started_at"));
    }
    // what the capture had written locally when the node died: 3 s of one participant, not uploaded
    long t0 = at.getEpochSecond() * 1_000_000L + at.getNano() / 1000;
    Path made = Files.createDirectories(tmp.resolve("made"));
    SyntheticMeeting media = new SyntheticMeeting(made, new LocalRecordingStore(tmp.resolve("scratch")), rid, t0);
    media.participant("p1", SyntheticMeeting.clip(tmp, "yellow", 3, 1.0), 0, 0, 0, 0x5000);
    media.event(0, MeetingEventType.JOIN, "p1", "Pia");
    media.finish();
    Path work = Files.createDirectories(data.resolve("recording-work").resolve(rid));
    try (var files = Files.list(made)) {
      for (Path f : files.filter(x -> x.toString().endsWith(".cfrt")).toList()) {
        Path to = Files.copy(f, work.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(to, FileTime.from(at.plusSeconds(3)));
      }
    }
    Path camera = work.resolve("p1-camera.00000.cfrt");
    byte[] whole = Files.readAllBytes(camera);
    Files.write(camera, java.util.Arrays.copyOf(whole, whole.length - 700)); // cut mid-record
    Files.setLastModifiedTime(camera, FileTime.from(at.plusSeconds(3)));

    try (TestNode node = TestNode.start(data, Map.of())) {
      RestClient rest = new RestClient(node.baseUrl());
      String token = rest.token();
      JsonObject done = await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).until(
          () -> rest.authed(token, "GET", "/api/v1/meetings/" + m + "/recordings/" + rid, null).json(),
          r -> r.getString("status").equals("ready") || r.getString("status").equals("failed"));
      assertThat(done.getString("status")).as(done.encode()).isEqualTo("ready");
      assertThat(done.getBoolean("partial")).isTrue();
      assertThat(done.getDouble("duration_seconds")).isBetween(2.5, 3.5);
      assertThat(Files.list(work).count()).as("leftovers uploaded").isZero();
    }
  }
}
