package io.confero.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.api.RestClient;
import io.confero.e2e.RecordingAnalysis.Colour;
import io.confero.e2e.RecordingAnalysis.Frame;
import io.confero.recording.Probe;
import io.confero.recording.composite.CompositorTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.assertj.core.data.Offset;
import org.awaitility.Awaitility;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The recording scenario of issue 15, run by the end-to-end tests against a server with either
 * recording store. Three headless Chromium participants whose fake camera and microphone play
 * files made here: each camera a flat colour of its own with a moving box, flashing white for
 * 200 ms every 4 s; each microphone silent but for a 200 ms tone of its own pitch at the same
 * instant of its loop. Ada creates the meeting on the home page (she is its host) and records it
 * with the Record button; Grace is there from the start and leaves after ~14 s; Linus joins ~6 s
 * in; Ada stops at ~20 s, then finds the recording on the home page under "Your meetings" and
 * its download link. The MP4 is then read back with ffprobe and ffmpeg's analysis filters.
 */
final class RecordedMeeting {
  static final Duration MEDIA_TIMEOUT = Duration.ofSeconds(90);
  static final Duration UI_TIMEOUT = Duration.ofSeconds(30);
  static final double LOOP = 4.0;
  static final double FLASH_AT = 2.0;
  static final double FLASH = 0.2;

  /** A participant and what their fake devices play. */
  record Person(String name, String ffmpegColour, Colour colour, int toneHz) {
  }

  static final Person ADA = new Person("Ada", "green", Colour.GREEN, 500);
  static final Person GRACE = new Person("Grace", "blue", Colour.BLUE, 1200);
  static final Person LINUS = new Person("Linus", "magenta", Colour.MAGENTA, 2500);

  /**
   * Regions of the 1280×720 canvas that show one camera in every gallery this meeting goes
   * through (2 tiles side by side, 3 tiles as 2 + 1 centred below, LayoutPlanner's geometry):
   * the first participant's, the second's, and the third's (in the 3-tile and the final 2-tile one).
   */
  static final List<String> REGIONS = List.of("480:240:80:120", "480:240:720:120", "240:240:640:360");

  /** What the run saw, in seconds from the recording's start unless named otherwise. */
  record Result(Path mp4, String recordingId, JsonObject recording, double linusJoinClicked, double linusSeenByAda,
      double graceLeftClicked, double stopToReadySeconds) {
  }

  private final Browsers browsers;
  private final RunningServer server;
  private final Path shots;

  RecordedMeeting(Browsers browsers, RunningServer server, String testClass) {
    this.browsers = browsers;
    this.server = server;
    this.shots = Browsers.screenshotDir().resolve(testClass);
  }

  /** Makes the y4m and wav a person's fake devices play (a few MB; looped by Chromium). */
  static List<Path> media(Path dir, Person p) throws Exception {
    Path y4m = dir.resolve(p.name() + ".y4m");
    Path wav = dir.resolve(p.name() + ".wav");
    String flash = "between(t," + FLASH_AT + "," + (FLASH_AT + FLASH - 0.001) + ")";
    Probe.ffmpeg(List.of("-y", "-f", "lavfi", "-i", "color=c=" + p.ffmpegColour() + ":s=320x240:r=20:d=" + LOOP
        + "[base];color=c=black:s=40x80:r=20:d=" + LOOP + "[box];[base][box]overlay=x='mod(t*160,320)':y=80,"
        + "drawbox=c=white:t=fill:enable='" + flash + "'", "-pix_fmt", "yuv420p", "-f", "yuv4mpegpipe", y4m.toString()));
    Probe.ffmpeg(List.of("-y", "-f", "lavfi", "-i", "aevalsrc='0.5*sin(2*PI*" + p.toneHz() + "*t)*" + flash
        + "':s=48000:d=" + LOOP, "-ac", "1", "-c:a", "pcm_s16le", wav.toString()));
    assertThat(Files.size(y4m)).as("y4m made").isGreaterThan(1_000_000);
    assertThat(Files.size(wav)).as("wav made").isGreaterThan(100_000);
    return List.of(y4m, wav);
  }

  BrowserSession launch(Person p, Path dir) throws Exception {
    List<Path> files = media(dir, p);
    return browsers.launch(p.name(), o -> o.addArguments("--use-file-for-fake-video-capture=" + files.get(0),
        "--use-file-for-fake-audio-capture=" + files.get(1)));
  }

  static String selfId(BrowserSession s) {
    return (String) s.execute("return window.confero.selfId;");
  }

  /** Clicks the Record button (among the host tools of the People panel) and accepts its confirmation. */
  static void record(BrowserSession host) {
    if (!host.find("#side-panel").isDisplayed()) {
      host.find("#participants-btn").click();
    }
    Awaitility.await("the host's Record button").atMost(UI_TIMEOUT).until(() -> host.find("#record-btn").isDisplayed());
    host.find("#record-btn").click();
    new WebDriverWait(host.driver(), UI_TIMEOUT).until(ExpectedConditions.alertIsPresent()).accept();
  }

  Result run() throws Exception {
    Path dir = Files.createTempDirectory("recording-e2e-media");
    BrowserSession ada = launch(ADA, dir);
    ada.open(server.baseUrl() + "/");
    ada.find("#new-meeting-btn").click();
    Awaitility.await("Ada lands on the pre-join of her new meeting").atMost(UI_TIMEOUT)
        .until(() -> ada.driver().getCurrentUrl().matches(Pattern.quote(server.baseUrl()) + "/j/[a-z-]+")
            && !ada.findAll("#join-btn").isEmpty());
    String link = ada.driver().getCurrentUrl();
    ada.join(ADA.name());
    MediaAwait.awaitConferoState(ada, "joined", MEDIA_TIMEOUT);
    BrowserSession grace = launch(GRACE, dir);
    grace.open(link);
    grace.join(GRACE.name());
    MediaAwait.awaitConferoState(grace, "joined", MEDIA_TIMEOUT);
    BrowserSession linus = launch(LINUS, dir);
    MediaAwait.awaitTileVideoPlaying(ada, selfId(grace), MEDIA_TIMEOUT);
    MediaAwait.awaitTileVideoPlaying(grace, selfId(ada), MEDIA_TIMEOUT);

    JsonObject mine = new JsonArray((String) ada.execute("return localStorage.getItem('confero.myMeetings');"))
        .getJsonObject(0);
    String code = mine.getString("code");
    String hostKey = mine.getString("key");
    record(ada);
    for (BrowserSession b : List.of(ada, grace)) {
      Awaitility.await(b.name() + " sees the REC indicator").atMost(UI_TIMEOUT)
          .until(() -> b.find("#rec-indicator").isDisplayed());
    }
    JsonObject started = Awaitility.await("the recording is listed").atMost(UI_TIMEOUT)
        .until(() -> recordings(code, hostKey), a -> !a.isEmpty()).getJsonObject(0);
    Instant at = Instant.parse(started.getString("started_at"));
    String rid = started.getString("recording_id");
    linus.open(link);
    Awaitility.await("Linus, on the pre-join, is told the meeting is being recorded").atMost(UI_TIMEOUT)
        .until(() -> !linus.findAll("#join-btn").isEmpty() && linus.find("#prejoin-rec").isDisplayed());

    // the schedule follows what happened (a loaded machine stretches every step), ~20 s when idle
    waitUntil(at.plusSeconds(6));
    double linusJoin = seconds(at, Instant.now());
    linus.join(LINUS.name());
    MediaAwait.awaitConferoState(linus, "joined", MEDIA_TIMEOUT);
    Awaitility.await("Linus, joining late, sees the REC indicator").atMost(UI_TIMEOUT)
        .until(() -> linus.find("#rec-indicator").isDisplayed());
    MediaAwait.awaitTileVideoPlaying(ada, selfId(linus), MEDIA_TIMEOUT);
    double linusSeenByAda = seconds(at, Instant.now());
    waitUntil(latest(at.plusSeconds(14), Instant.now().plusSeconds(4)));
    double graceLeft = seconds(at, Instant.now());
    grace.find("#leave-btn").click();
    waitUntil(latest(at.plusSeconds(20), Instant.now().plusSeconds(5)));
    record(ada); // now "Stop recording", with its own confirmation
    Awaitility.await("the indicator goes off").atMost(UI_TIMEOUT).until(() -> !ada.find("#rec-indicator").isDisplayed());

    JsonObject ready = Awaitility.await("composited").atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofSeconds(1))
        .until(() -> recordings(code, hostKey).getJsonObject(0), r -> !List.of("recording", "processing")
            .contains(r.getString("status")));
    Instant seenReady = Instant.now();
    assertThat(ready.getString("status")).as(ready.encode()).isEqualTo("ready");
    double stopToReady = seconds(Instant.parse(ready.getString("stopped_at")), seenReady);

    ada.open(server.baseUrl() + "/");
    Awaitility.await("Ada's home page offers the recording's download").atMost(UI_TIMEOUT).until(() ->
        !ada.findAll(".my-meeting[data-code='" + code + "'] .my-recording[data-status='ready'] a.my-recording-download")
            .isEmpty());
    ada.screenshot(shots.resolve("home-recordings.png"));
    String href = ada.find(".my-meeting[data-code='" + code + "'] a.my-recording-download").getAttribute("href");
    assertThat(href).startsWith(server.baseUrl() + "/recordings/" + rid + "/download?expires=");
    Path mp4 = Files.createTempFile("recording-e2e", ".mp4");
    assertThat(server.rest().download(href, mp4)).isEqualTo(200);
    assertThat(Files.size(mp4)).isEqualTo(ready.getLong("size_bytes"));
    return new Result(mp4, rid, ready, linusJoin, linusSeenByAda, graceLeft, stopToReady);
  }

  private JsonArray recordings(String code, String hostKey) throws Exception {
    RestClient.Response r = server.rest().send("POST", "/web/meetings/" + code + "/recordings",
        new JsonObject().put("host_key", hostKey).encode());
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().getJsonArray("recordings");
  }

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static void waitUntil(Instant when) {
    Awaitility.await("until " + when).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
        .until(() -> !Instant.now().isBefore(when));
  }

  private static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toMillis() / 1000.0;
  }

  /** Everything the issue asks of the MP4; prints what it measured. */
  static void check(Result r) throws Exception {
    Path mp4 = r.mp4();
    JsonObject probe = Probe.probe(mp4);
    assertThat(Probe.stream(probe, "video").getString("codec_name")).isEqualTo("h264");
    assertThat(Probe.stream(probe, "audio").getString("codec_name")).isEqualTo("aac");
    double expected = seconds(Instant.parse(r.recording().getString("started_at")),
        Instant.parse(r.recording().getString("stopped_at")));
    double duration = Double.parseDouble(probe.getJsonObject("format").getString("duration"));
    assertThat(duration).as("the MP4 is as long as the recording").isCloseTo(expected, Offset.offset(1.0));
    double volume = CompositorTest.meanVolume(mp4);
    assertThat(volume).as("not silent").isGreaterThan(-50.0);
    String whole = Probe.ffmpeg(List.of("-i", mp4.toString(), "-vf", "signalstats,metadata=print", "-an", "-f", "null", "-"));
    double change = CompositorTest.metadata(whole, "signalstats.YDIF").stream().mapToDouble(f -> f[1]).average().orElse(0);
    double luma = CompositorTest.metadata(whole, "signalstats.YAVG").stream().mapToDouble(f -> f[1]).average().orElse(0);
    assertThat(change).as("not frozen (mean frame-to-frame luma change)").isGreaterThan(0.3);
    assertThat(luma).as("not black").isGreaterThan(30);

    List<List<Frame>> regions = new ArrayList<>();
    for (String crop : REGIONS) {
      regions.add(RecordingAnalysis.region(mp4, crop));
    }
    double linusFirst = RecordingAnalysis.firstSeen(regions, Colour.MAGENTA);
    double graceLast = RecordingAnalysis.lastSeen(regions, Colour.BLUE);
    System.out.printf(Locale.ROOT, "recording E2E: %.2f s recorded, MP4 %.2f s, mean volume %.1f dB, mean YDIF %.2f,"
        + " Linus clicked join at %.2f s, Ada saw his video at %.2f s, he is first seen at %.2f s; Grace left at %.2f s"
        + " and is last seen at %.2f s; stop -> ready %.1f s%n", expected, duration, volume, change, r.linusJoinClicked(),
        r.linusSeenByAda(), linusFirst, r.graceLeftClicked(), graceLast, r.stopToReadySeconds());
    assertThat(RecordingAnalysis.firstSeen(regions, Colour.GREEN)).as("Ada from the start").isLessThan(2.0);
    assertThat(RecordingAnalysis.firstSeen(regions, Colour.BLUE)).as("Grace from the start").isLessThan(2.0);
    // he is on the recording's canvas no later than the host sees his video (2 s for the poll and keyframe)
    assertThat(linusFirst).as("the late joiner appears only after joining").isGreaterThan(r.linusJoinClicked() - 0.3)
        .isLessThan(r.linusSeenByAda() + 2);
    assertThat(graceLast).as("the early leaver is gone after leaving").isGreaterThan(r.graceLeftClicked() - 3)
        .isLessThan(r.graceLeftClicked() + 5);

    for (Person p : List.of(ADA, GRACE, LINUS)) {
      List<Double> flashes = new ArrayList<>();
      regions.forEach(frames -> flashes.addAll(RecordingAnalysis.flashes(frames, p.colour())));
      List<Double> beeps = RecordingAnalysis.beeps(mp4, p.toneHz());
      List<Double> offsets = RecordingAnalysis.offsets(flashes, beeps);
      System.out.printf(Locale.ROOT, "recording E2E: %s flashes at %s, beeps at %s: offsets %s%n", p.name(),
          times(flashes), times(beeps), times(offsets));
      assertThat(flashes).as(p.name() + "'s camera is in the recording").isNotEmpty();
      assertThat(beeps).as(p.name() + "'s microphone is in the recording").isNotEmpty();
      // the microphone plays in real time and the recording keeps its samples in place: beeps sit on
      // one grid of whole loops. A starved machine can lose a beep, or the first packets of one (its
      // onset then reads up to the beep's 200 ms late, as seen once in CI: 7.006, 11.198, 15.006), but
      // never move one early, and most beeps sit on the grid
      List<Double> late = lateness(beeps);
      assertThat(late).as(p.name() + "'s beeps %s, late by %s", times(beeps), times(late))
          .allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(0.25));
      assertThat(late.stream().filter(d -> d <= 0.15).count() * 2).as(p.name() + "'s beeps on the grid %s", times(beeps))
          .isGreaterThanOrEqualTo(late.size());
      // Not asserted here: that each flash lines up with its beep. Chromium's file-backed fake camera
      // falls behind its own fake microphone on a starved machine (flashes 4.2-6.3 s apart while the
      // beeps stay 4.000 s apart), so the sender's A/V offset drifts; CompositorTest asserts the 80 ms
      // with RTP whose capture instants are known.
    }
  }

  /** How late each beep is against the earliest-phased one, on a grid of whole {@link #LOOP}s. */
  static List<Double> lateness(List<Double> beeps) {
    List<Double> phase = beeps.stream().map(b -> {
      double d = b - beeps.get(0);
      return d - Math.round(d / LOOP) * LOOP;
    }).toList();
    double earliest = phase.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    return phase.stream().map(x -> x - earliest).toList();
  }

  private static String times(List<Double> ts) {
    return ts.stream().map(t -> String.format(Locale.ROOT, "%.3f", t)).toList().toString();
  }
}
