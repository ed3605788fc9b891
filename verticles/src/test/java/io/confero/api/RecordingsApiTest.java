package io.confero.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.confero.app.TestNode;
import io.confero.recording.Probe;
import io.confero.recording.composite.SyntheticMeeting;
import io.confero.recording.format.MeetingEventType;
import io.confero.recording.store.LocalRecordingStore;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recording control over REST against a real node (PostgreSQL, compositor, local store). */
class RecordingsApiTest {
  static TestNode node;
  static RestClient rest;
  static String token;
  @TempDir
  Path tmp;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start();
    rest = new RestClient(node.baseUrl());
    token = rest.token();
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  static String meeting(String settings) throws Exception {
    RestClient.Response r = rest.authed(token, "POST", "/api/v1/meetings",
        "{\"title\":\"Rec\",\"type\":\"instant\"" + (settings == null ? "" : ",\"settings\":" + settings) + "}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().getString("meeting_id");
  }

  static RestClient.Response post(String path) throws Exception {
    return rest.authed(token, "POST", path, "{}");
  }

  @Test
  void startStopTwiceAndTheRefusals() throws Exception {
    String m = meeting(null);
    RestClient.Response started = post("/api/v1/meetings/" + m + "/recordings");
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    assertThat(started.json().getString("status")).isEqualTo("recording");
    String rid = started.json().getString("recording_id");
    assertThat(started.header("Location")).isEqualTo("/api/v1/meetings/" + m + "/recordings/" + rid);

    RestClient.Response again = post("/api/v1/meetings/" + m + "/recordings");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.header("Content-Type")).startsWith("application/problem+json");
    assertThat(again.json().getString("type")).endsWith("already-recording");

    RestClient.Response deleteActive = rest.authed(token, "DELETE", "/api/v1/meetings/" + m + "/recordings/" + rid, null);
    assertThat(deleteActive.status()).isEqualTo(409);

    RestClient.Response stopped = post("/api/v1/meetings/" + m + "/recordings/" + rid + "/stop");
    assertThat(stopped.status()).as(stopped.body()).isEqualTo(200);
    assertThat(stopped.json().getString("status")).isEqualTo("processing");
    RestClient.Response twice = post("/api/v1/meetings/" + m + "/recordings/" + rid + "/stop");
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.json().getString("type")).endsWith("not-recording");

    RestClient.Response list = rest.authed(token, "GET", "/api/v1/meetings/" + m + "/recordings", null);
    assertThat(list.json().getJsonArray("recordings")).hasSize(1);
    assertThat(rest.authed(token, "GET", "/api/v1/meetings/" + m + "/recordings/" + java.util.UUID.randomUUID(), null)
        .status()).isEqualTo(404);

    String noRec = meeting("{\"allow_recording\":false}");
    RestClient.Response off = post("/api/v1/meetings/" + noRec + "/recordings");
    assertThat(off.status()).isEqualTo(403);
    assertThat(off.json().getString("type")).endsWith("recording-not-allowed");

    String e2ee = meeting("{\"e2ee_enabled\":true}");
    RestClient.Response enc = post("/api/v1/meetings/" + e2ee + "/recordings");
    assertThat(enc.status()).isEqualTo(409);
    assertThat(enc.json().getString("type")).endsWith("e2ee-not-recordable");
    assertThat(enc.json().getString("detail")).contains("end-to-end encrypted");

    String ended = meeting(null);
    assertThat(post("/api/v1/meetings/" + ended + "/end").status()).isEqualTo(200);
    RestClient.Response late = post("/api/v1/meetings/" + ended + "/recordings");
    assertThat(late.status()).isEqualTo(409);
    assertThat(late.json().getString("type")).endsWith("meeting-ended");
  }

  @Test
  void theHomePageListsAMeetingsRecordingsOnlyWithItsHostKey() throws Exception {
    RestClient.Response created = rest.send("POST", "/web/meetings", "{\"title\":\"Home\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String m = created.json().getString("meeting_id");
    String code = created.json().getString("join_code");
    String key = created.json().getString("host_key");
    String rid = post("/api/v1/meetings/" + m + "/recordings").json().getString("recording_id");
    String path = "/web/meetings/" + code + "/recordings";

    RestClient.Response told = rest.send("GET", "/j/" + code + "/recording", null);
    assertThat(told.status()).as(told.body()).isEqualTo(200);
    assertThat(told.json().getBoolean("recording")).as("the pre-join is told").isTrue();
    assertThat(rest.send("GET", "/j/zzz-zzzz-zzz/recording", null).status()).isEqualTo(404);

    RestClient.Response mine = rest.send("POST", path, new JsonObject().put("host_key", key).encode());
    assertThat(mine.status()).as(mine.body()).isEqualTo(200);
    assertThat(mine.header("Cache-Control")).isEqualTo("no-store");
    assertThat(mine.json().getJsonArray("recordings")).hasSize(1);
    JsonObject r = mine.json().getJsonArray("recordings").getJsonObject(0);
    assertThat(r.getString("recording_id")).isEqualTo(rid);
    assertThat(r.getString("status")).isEqualTo("recording");
    assertThat(r.containsKey("download_url")).as("no link before it is ready").isFalse();

    RestClient.Response wrong = rest.send("POST", path, new JsonObject().put("host_key", key + "x").encode());
    assertThat(wrong.status()).isEqualTo(403);
    assertThat(wrong.json().getString("type")).endsWith("invalid-host-key");
    RestClient.Response none = rest.send("POST", path, "{}");
    assertThat(none.status()).isEqualTo(422);
    RestClient.Response unknown = rest.send("POST", path, new JsonObject().put("host_key", key).put("x", 1).encode());
    assertThat(unknown.status()).isEqualTo(400);
    RestClient.Response form = rest.send("POST", path, "host_key=" + key, "Content-Type", "application/x-www-form-urlencoded");
    assertThat(form.status()).isEqualTo(415);
    RestClient.Response noMeeting = rest.send("POST", "/web/meetings/zzz-zzzz-zzz/recordings",
        new JsonObject().put("host_key", key).encode());
    assertThat(noMeeting.status()).isEqualTo(404);
    assertThat(post("/api/v1/meetings/" + m + "/recordings/" + rid + "/stop").status()).isEqualTo(200);
    assertThat(rest.send("GET", "/j/" + code + "/recording", null).json().getBoolean("recording")).isFalse();
  }

  @Test
  void endingTheMeetingStopsItsRecording() throws Exception {
    String m = meeting(null);
    String rid = post("/api/v1/meetings/" + m + "/recordings").json().getString("recording_id");
    assertThat(post("/api/v1/meetings/" + m + "/end").status()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(20)).until(() -> !rest.authed(token, "GET",
        "/api/v1/meetings/" + m + "/recordings/" + rid, null).json().getString("status").equals("recording"));
  }

  @Test
  void aStoppedRecordingIsCompositedAndDownloadableThroughItsSignedLink() throws Exception {
    String m = meeting(null);
    JsonObject started = post("/api/v1/meetings/" + m + "/recordings").json();
    String rid = started.getString("recording_id");
    Instant at = Instant.parse(started.getString("started_at"));
    long t0 = at.getEpochSecond() * 1_000_000L + at.getNano() / 1000;
    // what capture would have stored for one participant: 3 s of camera and microphone
    SyntheticMeeting media = new SyntheticMeeting(tmp, new LocalRecordingStore(node.dataDir().resolve("recordings")), rid, t0);
    media.participant("p1", SyntheticMeeting.clip(tmp, "green", 3, 1.0), 0, 0.5, 0, 0x3000);
    media.event(0, MeetingEventType.JOIN, "p1", "Pat");
    media.finish();
    await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(at.plusSeconds(3)));
    assertThat(post("/api/v1/meetings/" + m + "/recordings/" + rid + "/stop").status()).isEqualTo(200);

    JsonObject ready = await().atMost(Duration.ofSeconds(120)).until(
        () -> rest.authed(token, "GET", "/api/v1/meetings/" + m + "/recordings/" + rid, null).json(),
        r -> !r.getString("status").equals("processing"));
    assertThat(ready.getString("status")).as(ready.encode()).isEqualTo("ready");
    assertThat(ready.getDouble("duration_seconds")).isGreaterThan(2.9);
    String url = ready.getString("download_url");
    assertThat(url).startsWith(node.baseUrl() + "/recordings/" + rid + "/download?expires=");

    Path mp4 = tmp.resolve("dl.mp4");
    assertThat(rest.download(url, mp4)).isEqualTo(200);
    assertThat(Files.size(mp4)).isEqualTo(ready.getLong("size_bytes"));
    assertThat(Probe.stream(Probe.probe(mp4), "video").getString("codec_name")).isEqualTo("h264");
    RestClient.Response forged = rest.getUrl(url.replace("sig=", "sig=x"));
    assertThat(forged.status()).isEqualTo(403);

    assertThat(rest.authed(token, "DELETE", "/api/v1/meetings/" + m + "/recordings/" + rid, null).status()).isEqualTo(204);
    assertThat(new LocalRecordingStore(node.dataDir().resolve("recordings")).list(rid + "/")).isEmpty();
    assertThat(rest.getUrl(url).status()).isEqualTo(404);
  }

  static Object sql(String query, Object... args) throws Exception {
    var rows = node.node().pool().preparedQuery(query).execute(io.vertx.sqlclient.Tuple.from(java.util.List.of(args)))
        .toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
    return rows.size() == 0 ? null : rows.iterator().next().getValue(0);
  }

  @Test
  void theSpeakerViewIsMadeOnlyWhenAskedForAndOnlyOnce() throws Exception {
    String m = meeting(null);
    JsonObject started = post("/api/v1/meetings/" + m + "/recordings").json();
    String rid = started.getString("recording_id");
    String view = "/api/v1/meetings/" + m + "/recordings/" + rid + "/views/speaker";
    RestClient.Response early = post(view);
    assertThat(early.status()).as(early.body()).isEqualTo(409);
    assertThat(early.json().getString("type")).endsWith("still-recording");
    Instant at = Instant.parse(started.getString("started_at"));
    SyntheticMeeting media = new SyntheticMeeting(tmp, new LocalRecordingStore(node.dataDir().resolve("recordings")), rid,
        at.getEpochSecond() * 1_000_000L + at.getNano() / 1000);
    media.participant("p1", SyntheticMeeting.clip(tmp, "green", 3, 1.0), 0, 0.5, 0, 0x3000);
    media.participant("p2", SyntheticMeeting.clip(tmp, "blue", 3, 2.0), 0, -0.5, 0, 0x5000);
    media.event(0, MeetingEventType.JOIN, "p1", "Pat");
    media.event(0, MeetingEventType.JOIN, "p2", "Sam");
    media.event(1.5, MeetingEventType.ACTIVE_SPEAKER, "p2", "");
    media.finish();
    await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(at.plusSeconds(3)));
    assertThat(post("/api/v1/meetings/" + m + "/recordings/" + rid + "/stop").status()).isEqualTo(200);

    assertThat(rest.authed(token, "GET", view, null).status()).as("not asked for yet").isEqualTo(404);
    for (String bad : new String[] {view.replace("speaker", "gallery"), view.replace("speaker", "Speaker"),
        view.replace(rid, "not-a-uuid"), view.replace(rid, java.util.UUID.randomUUID().toString())}) {
      RestClient.Response r = post(bad);
      assertThat(r.status()).as(bad).isEqualTo(404);
      assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    }
    RestClient.Response asked = post(view);
    assertThat(asked.status()).as(asked.body()).isIn(200, 202);
    assertThat(asked.header("Location")).isEqualTo(view);
    if (asked.status() == 202) {
      assertThat(asked.header("Retry-After")).isEqualTo("5");
      assertThat(asked.json().getString("status")).isEqualTo("pending");
    }
    RestClient.Response twice = post(view);
    assertThat(twice.json().getString("requested_at")).as("the same job").isEqualTo(asked.json().getString("requested_at"));

    JsonObject ready = await().atMost(Duration.ofSeconds(120)).until(() -> rest.authed(token, "GET", view, null),
        r -> r.status() == 200).json();
    assertThat(ready.getString("status")).as(ready.encode()).isEqualTo("ready");
    assertThat(ready.getString("view")).isEqualTo("speaker");
    String url = ready.getString("download_url");
    assertThat(url).startsWith(node.baseUrl() + "/recordings/" + rid + "/views/speaker/download?expires=");
    Path mp4 = tmp.resolve("speaker.mp4");
    assertThat(rest.download(url, mp4)).isEqualTo(200);
    assertThat(Files.size(mp4)).isEqualTo(ready.getLong("size_bytes"));
    assertThat(Probe.stream(Probe.probe(mp4), "video").getString("codec_name")).isEqualTo("h264");
    assertThat(Probe.stream(Probe.probe(mp4), "audio").getString("codec_name")).isEqualTo("aac");
    assertThat(post(view).status()).as("asked again once made: answered, not made again").isEqualTo(200);
    assertThat(sql("SELECT attempts FROM recording_views WHERE recording_id = $1", java.util.UUID.fromString(rid)))
        .isEqualTo(1);
    assertThat(sql("SELECT count(*) FROM webhook_events WHERE type = 'recording.view_ready' AND payload->>'recording_id' = $1",
        rid)).isEqualTo(1L);

    String gallerySig = await().atMost(Duration.ofSeconds(120)).until(() -> rest.authed(token, "GET",
        "/api/v1/meetings/" + m + "/recordings/" + rid, null).json(), r -> r.containsKey("download_url"))
        .getString("download_url").replaceAll(".*\\?", "?");
    assertThat(rest.getUrl(url.replaceAll("\\?.*", "") + gallerySig).status()).as("the gallery's link").isEqualTo(403);

    String later = post("/api/v1/meetings/" + m + "/recordings").json().getString("recording_id");
    assertThat(post("/api/v1/meetings/" + m + "/recordings/" + later + "/stop").status()).isEqualTo(200);
    sql("UPDATE recordings SET raw_deleted_at = now() WHERE recording_id = $1", java.util.UUID.fromString(later));
    RestClient.Response gone = post(view.replace(rid, later));
    assertThat(gone.status()).as(gone.body()).isEqualTo(410);
    assertThat(gone.header("Content-Type")).startsWith("application/problem+json");
    assertThat(gone.json().getString("type")).endsWith("raw-tracks-deleted");
  }

  @Test
  void rawTracksAreKeptWhileASpeakerViewWaits() throws Exception {
    String m = meeting(null);
    java.util.UUID rid = java.util.UUID.fromString(post("/api/v1/meetings/" + m + "/recordings").json()
        .getString("recording_id"));
    assertThat(post("/api/v1/meetings/" + m + "/recordings/" + rid + "/stop").status()).isEqualTo(200);
    // as if composited long ago, with a view asked for that no worker has taken yet (due far ahead)
    sql("UPDATE recording_jobs SET status = 'done' WHERE recording_id = $1", rid);
    sql("UPDATE recordings SET status = 'ready' WHERE recording_id = $1", rid);
    sql("INSERT INTO recording_views (recording_id, kind, status, next_attempt_at, created_at)"
        + " VALUES ($1, 'speaker', 'pending', now() + interval '1 day', now())", rid);
    io.confero.recording.control.RecordingRepository repo =
        new io.confero.recording.control.RecordingRepository(node.node().pool());
    Instant future = Instant.now().plus(Duration.ofDays(30));
    assertThat(repo.rawExpired(future, 1000).toCompletionStage().toCompletableFuture().get())
        .as("a view waits for them").doesNotContain(rid);
    sql("UPDATE recording_views SET status = 'failed' WHERE recording_id = $1", rid);
    assertThat(repo.rawExpired(future, 1000).toCompletionStage().toCompletableFuture().get()).contains(rid);
  }
}
