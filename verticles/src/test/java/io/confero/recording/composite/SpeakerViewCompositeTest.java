package io.confero.recording.composite;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.recording.Probe;
import io.confero.recording.format.MeetingEventType;
import io.confero.recording.store.LocalRecordingStore;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The speaker view composited from track files of real encoder output: the large tile follows the
 * captured active-speaker events (sampled as colours of the encoded frames), the audio is the same
 * mix, and the gallery of the same recording is left as it is.
 */
class SpeakerViewCompositeTest {
  @TempDir
  Path dir;

  @Test
  void theLargeTileFollowsTheSpeakerAndTheGalleryIsUntouched() throws Exception {
    LocalRecordingStore store = new LocalRecordingStore(dir.resolve("store"));
    SyntheticMeeting m = new SyntheticMeeting(dir, store, "rec-s");
    m.participant("alice", SyntheticMeeting.clip(dir, "red", 6, 2.0), 0, 1.0, 0, 0x1000);
    m.participant("bob", SyntheticMeeting.clip(dir, "blue", 6, 5.0), 0, -2.0, 0, 0x2000);
    m.event(0, MeetingEventType.JOIN, "alice", "Alice");
    m.event(0, MeetingEventType.JOIN, "bob", "Bob");
    m.event(0.5, MeetingEventType.ACTIVE_SPEAKER, "alice", "");
    m.event(3.0, MeetingEventType.ACTIVE_SPEAKER, "bob", "");
    m.finish();
    Compositor compositor = new Compositor(store, dir.resolve("work"), EncoderProbe.X264, 640, 360);

    Compositor.Result r = compositor.composite("rec-s", CompositeKind.SPEAKER, SyntheticMeeting.T0, 5.5,
        java.util.Map.of());

    assertThat(r.key()).isEqualTo("rec-s/speaker.mp4");
    assertThat(r.failures()).isEmpty();
    assertThat(store.list("rec-s/")).as("no gallery was made").doesNotContain(Compositor.mp4Key("rec-s"));
    Path mp4 = dir.resolve("speaker.mp4");
    store.get(r.key(), mp4);
    JsonObject probe = Probe.probe(mp4);
    assertThat(Probe.stream(probe, "video").getString("codec_name")).isEqualTo("h264");
    assertThat(Probe.stream(probe, "video").getInteger("width")).isEqualTo(640);
    assertThat(Probe.stream(probe, "audio").getString("codec_name")).isEqualTo("aac");
    assertThat(Double.parseDouble(probe.getJsonObject("format").getString("duration"))).isBetween(5.0, 6.0);
    assertThat(CompositorTest.meanVolume(mp4)).as("Alice's beep at 2.0 s is in the mix").isGreaterThan(-60.0);

    int[] alice = centreOfLargeTile(mp4, 1.5);
    int[] bob = centreOfLargeTile(mp4, 4.5);
    assertThat(alice[0]).as("red large while Alice speaks: %s", java.util.Arrays.toString(alice)).isGreaterThan(alice[2] + 80);
    assertThat(bob[2]).as("blue large while Bob speaks: %s", java.util.Arrays.toString(bob)).isGreaterThan(bob[0] + 80);
  }

  /** The mean RGB of a patch in the middle of the large tile (640x288 above a 72-high strip) at {@code t}. */
  static int[] centreOfLargeTile(Path mp4, double t) throws Exception {
    Path rgb = mp4.resolveSibling("patch-" + t + ".rgb");
    Probe.ffmpeg(List.of("-y", "-ss", String.valueOf(t), "-i", mp4.toString(), "-frames:v", "1", "-vf",
        "crop=80:80:280:104,scale=1:1:flags=area", "-f", "rawvideo", "-pix_fmt", "rgb24", rgb.toString()));
    byte[] b = Files.readAllBytes(rgb);
    assertThat(b).hasSize(3);
    return new int[] {b[0] & 0xFF, b[1] & 0xFF, b[2] & 0xFF};
  }
}
