package io.confero.recording.composite;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.loadgen.MediaClip;
import io.confero.recording.Probe;
import io.confero.recording.format.MeetingEventType;
import io.confero.recording.store.LocalRecordingStore;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Composites track files of real encoder output and checks the MP4 with ffmpeg's own analysis filters. */
public class CompositorTest {
  @TempDir
  Path dir;

  @Test
  void gallerySpeakerAudioAndAlignmentOfAThreePersonRecording() throws Exception {
    LocalRecordingStore store = new LocalRecordingStore(dir.resolve("store"));
    SyntheticMeeting m = new SyntheticMeeting(dir, store, "rec-1");
    MediaClip red = SyntheticMeeting.clip(dir, "red", 6, 3.0);
    MediaClip blue = SyntheticMeeting.clip(dir, "blue", 4, 9.0);
    // alice: media starts 0.3 s in, her clock is 5 s ahead, camera starts 1 s late; flash+beep at media 3.0 s
    m.participant("alice", red, 0.3, 5.0, 1.0, 0x1000);
    // bob joins late (2 s) and has no flash; carol never sends media and leaves early
    m.participant("bob", blue, 2.0, -3.0, 0, 0x2000);
    m.event(0, MeetingEventType.JOIN, "alice", "Alice");
    m.event(0, MeetingEventType.JOIN, "carol", "Carol");
    m.event(2.0, MeetingEventType.JOIN, "bob", "Bob");
    m.event(4.0, MeetingEventType.LEAVE, "carol", "");
    m.finish();

    Compositor.Result r = new Compositor(store, dir.resolve("work"), EncoderProbe.X264, 640, 360)
        .composite("rec-1", SyntheticMeeting.T0, 6.5);

    assertThat(r.failures()).isEmpty();
    Path mp4 = dir.resolve("out.mp4");
    store.get(r.key(), mp4);
    JsonObject probe = Probe.probe(mp4);
    assertThat(Probe.stream(probe, "video").getString("codec_name")).isEqualTo("h264");
    assertThat(Probe.stream(probe, "audio").getString("codec_name")).isEqualTo("aac");
    assertThat(Double.parseDouble(probe.getJsonObject("format").getString("duration"))).isBetween(6.0, 7.0);
    assertThat(meanVolume(mp4)).isGreaterThan(-60.0);

    double flash = firstBright(mp4);
    double beep = firstLoud(mp4);
    System.out.printf("composite: flash at %.3f s, beep at %.3f s%n", flash, beep);
    assertThat(flash).as("flash at media 3.0 s + 0.3 s").isBetween(3.1, 3.5);
    assertThat(Math.abs(flash - beep)).as("flash %.3f vs beep %.3f", flash, beep).isLessThan(0.08);
  }

  @Test
  void audioAndVideoDoNotDriftApartOverTwentySeconds() throws Exception {
    LocalRecordingStore store = new LocalRecordingStore(dir.resolve("store"));
    SyntheticMeeting m = new SyntheticMeeting(dir, store, "rec-3");
    m.participant("dana", SyntheticMeeting.clip(dir, "purple", 20, 18.0), 0.5, 2.0, 0, 0x4000);
    m.event(0, MeetingEventType.JOIN, "dana", "Dana");
    m.finish();

    Compositor.Result r = new Compositor(store, dir.resolve("work"), EncoderProbe.X264, 320, 180)
        .composite("rec-3", SyntheticMeeting.T0, 20.5);

    Path mp4 = dir.resolve("out3.mp4");
    store.get(r.key(), mp4);
    double flash = firstBright(mp4);
    double beep = firstLoud(mp4);
    System.out.printf("composite, 18 s in: flash at %.3f s, beep at %.3f s%n", flash, beep);
    assertThat(flash).as("flash at media 18.0 s + 0.5 s").isBetween(18.3, 18.7);
    assertThat(Math.abs(flash - beep)).as("flash %.3f vs beep %.3f", flash, beep).isLessThan(0.08);
  }

  @Test
  void aCorruptAndATruncatedTrackFailOnlyThemselves() throws Exception {
    LocalRecordingStore store = new LocalRecordingStore(dir.resolve("store"));
    SyntheticMeeting m = new SyntheticMeeting(dir, store, "rec-2");
    m.participant("alice", SyntheticMeeting.clip(dir, "red", 3, 1.0), 0, 0, 0, 0x1000);
    m.participant("bob", SyntheticMeeting.clip(dir, "blue", 3, 9.0), 0, 0, 0, 0x2000);
    m.event(0, MeetingEventType.JOIN, "alice", "Alice");
    m.event(0, MeetingEventType.JOIN, "bob", "Bob");
    m.finish();
    // bob's camera chunk is overwritten with garbage; his microphone chunk loses all but its first bytes
    Path garbage = Files.write(dir.resolve("garbage"), "not a track file at all, just some bytes".repeat(50).getBytes());
    store.put(Compositor.tracksPrefix("rec-2") + "bob-camera.00000.cfrt", garbage);
    Path audio = dir.resolve("bob-audio.00000.cfrt");
    Path cut = Files.write(dir.resolve("cut"), java.util.Arrays.copyOf(Files.readAllBytes(audio), 20));
    store.put(Compositor.tracksPrefix("rec-2") + "bob-audio.00000.cfrt", cut);

    Compositor.Result r = new Compositor(store, dir.resolve("work"), EncoderProbe.X264, 640, 360)
        .composite("rec-2", SyntheticMeeting.T0, 3.0);

    assertThat(r.failures()).extracting(TrackSet.Failure::trackId).containsExactlyInAnyOrder("bob-camera", "bob-audio");
    assertThat(r.failures()).allSatisfy(f -> assertThat(f.reason()).isNotBlank());
    Path mp4 = dir.resolve("out2.mp4");
    store.get(r.key(), mp4);
    JsonObject probe = Probe.probe(mp4);
    assertThat(Probe.stream(probe, "video").getString("codec_name")).isEqualTo("h264");
    assertThat(Double.parseDouble(probe.getJsonObject("format").getString("duration"))).isBetween(2.5, 3.5);
    assertThat(meanVolume(mp4)).as("alice is still heard").isGreaterThan(-60.0);
    assertThat(firstBright(mp4)).as("alice's flash at 1.0 s").isBetween(0.8, 1.3);
  }

  public static double meanVolume(Path mp4) throws Exception {
    String out = Probe.ffmpeg(List.of("-i", mp4.toString(), "-af", "volumedetect", "-vn", "-f", "null", "-"));
    Matcher m = Pattern.compile("mean_volume: (-?[0-9.]+) dB").matcher(out);
    assertThat(m.find()).as(out).isTrue();
    return Double.parseDouble(m.group(1));
  }

  /** Time of the first frame whose mean luma is high (the white flash fills alice's tile). */
  static double firstBright(Path mp4) throws Exception {
    List<double[]> frames = metadata(Probe.ffmpeg(List.of("-i", mp4.toString(), "-vf",
        "signalstats,metadata=print:key=lavfi.signalstats.YAVG:file=-", "-an", "-f", "null", "-")), "YAVG");
    double base = frames.get(frames.size() / 2 - 20)[1];
    return frames.stream().filter(f -> f[1] > base + 25).findFirst().orElseThrow()[0];
  }

  /** Time of the first 2 ms of audio louder than -30 dBFS (the beep). */
  static double firstLoud(Path mp4) throws Exception {
    List<double[]> frames = metadata(Probe.ffmpeg(List.of("-i", mp4.toString(), "-af",
        "asetnsamples=96,astats=metadata=1:reset=1,ametadata=print:key=lavfi.astats.Overall.RMS_level:file=-",
        "-vn", "-f", "null", "-")), "RMS_level");
    return frames.stream().filter(f -> f[1] > -30).findFirst().orElseThrow()[0];
  }

  public static List<double[]> metadata(String out, String key) {
    List<double[]> frames = new ArrayList<>();
    double t = 0;
    for (String line : out.split("\n")) {
      Matcher pts = Pattern.compile("pts_time:([0-9.]+)").matcher(line);
      if (pts.find()) {
        t = Double.parseDouble(pts.group(1));
      } else if (line.contains(key + "=")) {
        Matcher v = Pattern.compile("=(-?inf|-?[0-9.]+)").matcher(line);
        if (v.find()) {
          frames.add(new double[] {t, v.group(1).endsWith("inf") ? -200 : Double.parseDouble(v.group(1))});
        }
      }
    }
    return frames;
  }
}
