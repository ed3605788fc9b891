package io.confero.signaling;

import static io.confero.signaling.HostControlsTest.msg;
import static org.assertj.core.api.Assertions.assertThat;

import io.confero.app.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Receiver-driven video constraints over the raw WebSocket: what subscribers say they show
 * ({@code video_quality}) reaches the publisher as the largest wanted height ({@code video_constraints}).
 */
class VideoQualityTest {
  static TestNode node;
  static Seats seats;

  @BeforeAll
  static void start() throws Exception {
    node = Seats.node(Files.createTempDirectory("confero-quality"));
    seats = new Seats(node);
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  static String chromiumOffer() throws Exception {
    return Files.readString(Path.of(System.getProperty("confero.fixtures"), "sdp", "chromium-offer-plain.sdp"));
  }

  static boolean constraint(JsonObject m, String trackId, int height) {
    return m.getString("track_id").equals(trackId) && m.getInteger("max_height") == height;
  }

  @Test
  void publisherHearsTheLargestHeightAnySubscriberShows() throws Exception {
    JsonObject m = seats.meeting(null);
    Seats.Seat a = seats.host(m, "Alice");
    Seats.Seat b = seats.guest(m, "Bob");
    Seats.Seat c = seats.guest(m, "Carol");
    try (WsPeer alice = WsPeer.joined(seats.vertx(), seats.port(), a.token(), "joined")) {
      alice.send(msg("publish", "sdp", chromiumOffer(), "sources", new JsonObject().put("0", "microphone").put("1", "camera")));
      JsonArray tracks = alice.await("publish_answer").getJsonArray("tracks");
      String camera = tracks.stream().map(JsonObject.class::cast).filter(t -> t.getString("kind").equals("video"))
          .findFirst().orElseThrow().getString("track_id");
      alice.await("video_constraints", x -> constraint(x, camera, 0)); // nobody else: stop encoding
      try (WsPeer bob = WsPeer.joined(seats.vertx(), seats.port(), b.token(), "joined");
           WsPeer carol = WsPeer.joined(seats.vertx(), seats.port(), c.token(), "joined")) {
        alice.await("video_constraints", x -> constraint(x, camera, VideoQuality.UNCONSTRAINED));
        bob.send(msg("video_quality", "track_id", camera, "max_height", 180));
        carol.send(msg("video_quality", "track_id", camera, "max_height", 360));
        alice.await("video_constraints", x -> constraint(x, camera, 360));
        carol.send(msg("video_quality", "track_id", camera, "max_height", 0));
        alice.await("video_constraints", x -> constraint(x, camera, 180));
        bob.send(msg("video_quality", "track_id", camera, "max_height", 0));
        alice.await("video_constraints", x -> constraint(x, camera, 0));
        bob.send(msg("video_quality", "track_id", camera, "max_height", 720));
        alice.await("video_constraints", x -> constraint(x, camera, 720));

        for (Object bad : new Object[] {-1, 4321, 1.5, "360", null}) {
          String ref = bob.send(msg("video_quality", "track_id", camera).put("max_height", bad));
          assertThat(bob.awaitError(ref).getString("code")).as("max_height " + bad).isEqualTo("bad-message");
        }
        String unknown = bob.send(msg("video_quality", "track_id", "no-such-track", "max_height", 180));
        assertThat(bob.awaitError(unknown).getString("code")).isEqualTo("no-such-track");
        String own = alice.send(msg("video_quality", "track_id", camera, "max_height", 180));
        assertThat(alice.awaitError(own).getString("code")).as("one's own track").isEqualTo("no-such-track");
        String noId = bob.send(msg("video_quality", "max_height", 180));
        assertThat(bob.awaitError(noId).getString("code")).isEqualTo("bad-message");

        // the list form: many tracks in one frame; a malformed entry refuses it all and changes nothing,
        // a track not known (yet) is kept aside while the others apply
        carol.send(msg("video_quality", "tracks", new JsonArray().add(entry(camera, 540))));
        alice.await("video_constraints", x -> constraint(x, camera, 720));
        bob.send(msg("video_quality", "tracks", new JsonArray().add(entry(camera, 240))));
        alice.await("video_constraints", x -> constraint(x, camera, 540));
        String mixed = carol.send(msg("video_quality", "tracks", new JsonArray().add(entry(camera, 0))
            .add(entry(camera, -1))));
        assertThat(carol.awaitError(mixed).getString("code")).isEqualTo("bad-message");
        for (Object bad : new Object[] {new JsonArray(), new JsonArray().add(7), "tracks",
            new JsonArray(java.util.Collections.nCopies(VideoQuality.MAX_TRACKS + 1, entry(camera, 0)))}) {
          String ref = carol.send(msg("video_quality").put("tracks", bad));
          assertThat(carol.awaitError(ref).getString("code")).as("tracks " + bad).isEqualTo("bad-message");
        }
        carol.send(msg("video_quality", "tracks", new JsonArray().add(entry(camera, 0)).add(entry("not-yet-known", 180))));
        alice.await("video_constraints", x -> constraint(x, camera, 240)); // Carol's 540 went, Bob's 240 stands
        bob.send(msg("video_quality", "tracks", new JsonArray().add(entry(camera, 720))));
      }
      // Bob (720) and Carol left: nobody watches any more
      alice.await("video_constraints", x -> constraint(x, camera, 0));
    }
  }

  static JsonObject entry(String trackId, int height) {
    return new JsonObject().put("track_id", trackId).put("max_height", height);
  }
}
