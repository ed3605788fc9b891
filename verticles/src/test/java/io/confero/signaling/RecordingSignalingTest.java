package io.confero.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.app.TestNode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Recording over the raw signaling socket (docs/protocol.md, "Recording"): host-only, stable error
 * codes, an indicator everyone receives, and the state in a later joiner's {@code joined}.
 */
class RecordingSignalingTest {
  static TestNode node;
  static Seats seats;

  @BeforeAll
  static void start() throws Exception {
    node = Seats.node(java.nio.file.Files.createTempDirectory("confero-rec-signaling"));
    seats = new Seats(node);
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  static JsonObject msg(String type) {
    return new JsonObject().put("type", type);
  }

  @Test
  void hostStartsAndStopsEveryoneSeesItAndGuestsAreForbidden() throws Exception {
    JsonObject m = seats.meeting(null);
    Seats.Seat h = seats.host(m, "Hannah Host");
    Seats.Seat g = seats.guest(m, "Gus Guest");
    try (WsPeer host = WsPeer.joined(seats.vertx(), seats.port(), h.token(), "joined");
         WsPeer guest = WsPeer.joined(seats.vertx(), seats.port(), g.token(), "joined")) {
      assertThat(guest.await("joined").getJsonObject("recording").getBoolean("active")).isFalse();
      assertThat(guest.awaitError(guest.send(msg("start_recording"))).getString("code")).isEqualTo("forbidden");
      assertThat(host.awaitError(host.send(msg("stop_recording"))).getString("code")).isEqualTo("not-recording");

      host.send(msg("start_recording"));
      JsonObject on = guest.await("recording", x -> x.getBoolean("active"));
      assertThat(on.getString("recording_id")).isNotBlank();
      assertThat(host.awaitError(host.send(msg("start_recording"))).getString("code")).isEqualTo("already-recording");
      assertThat(guest.awaitError(guest.send(msg("stop_recording"))).getString("code")).isEqualTo("forbidden");

      Seats.Seat late = seats.guest(m, "Lena Late");
      try (WsPeer lena = WsPeer.joined(seats.vertx(), seats.port(), late.token(), "joined")) {
        JsonObject state = lena.await("joined").getJsonObject("recording");
        assertThat(state.getBoolean("active")).isTrue();
        assertThat(state.getString("recording_id")).isEqualTo(on.getString("recording_id"));
      }

      host.send(msg("stop_recording"));
      guest.await("recording", x -> !x.getBoolean("active"));
      assertThat(host.awaitError(host.send(msg("stop_recording"))).getString("code")).isEqualTo("not-recording");
    }
  }

  @Test
  void aMeetingThatDoesNotAllowRecordingRefusesTheHost() throws Exception {
    JsonObject m = seats.meeting("{\"allow_recording\":false}");
    Seats.Seat h = seats.host(m, "Hannah Host");
    try (WsPeer host = WsPeer.joined(seats.vertx(), seats.port(), h.token(), "joined")) {
      assertThat(host.awaitError(host.send(msg("start_recording"))).getString("code")).isEqualTo("recording-not-allowed");
    }
    JsonObject e2ee = seats.meeting("{\"e2ee_enabled\":true}");
    Seats.Seat h2 = seats.host(e2ee, "Eve Encrypted");
    try (WsPeer host = WsPeer.joined(seats.vertx(), seats.port(), h2.token(), "joined")) {
      JsonObject err = host.awaitError(host.send(msg("start_recording")));
      assertThat(err.getString("code")).isEqualTo("e2ee-not-recordable");
      assertThat(err.getString("message")).contains("end-to-end encrypted");
    }
  }
}
