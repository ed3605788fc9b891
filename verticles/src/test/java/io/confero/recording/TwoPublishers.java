package io.confero.recording;

import io.confero.api.RestClient;
import io.confero.loadgen.LoadParticipant;
import io.confero.loadgen.MediaClip;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;

/**
 * A meeting created over REST with two load participants, Ada and Bob, joined by its link and
 * publishing the same VP8 + Opus clip through the SFU (ICE, DTLS-SRTP): something to record.
 */
public record TwoPublishers(String meetingId, LoadParticipant ada, LoadParticipant bob) implements AutoCloseable {
  public static TwoPublishers join(String baseUrl, RestClient rest, String token, LoadParticipant.LoadContext ctx,
      MediaClip clip) throws Exception {
    JsonObject meeting = rest.authed(token, "POST", "/api/v1/meetings", "{\"title\":\"Rec\",\"type\":\"instant\"}").json();
    String code = meeting.getString("join_url").substring(meeting.getString("join_url").lastIndexOf('/') + 1);
    TwoPublishers two = new TwoPublishers(meeting.getString("meeting_id"), new LoadParticipant("Ada", ctx, clip),
        new LoadParticipant("Bob", ctx, clip));
    try {
      two.ada().join(baseUrl, code).get(60, TimeUnit.SECONDS);
      two.bob().join(baseUrl, code).get(60, TimeUnit.SECONDS);
      return two;
    } catch (Exception | AssertionError e) {
      two.close();
      throw e;
    }
  }

  @Override
  public void close() {
    ada.close();
    bob.close();
  }
}
