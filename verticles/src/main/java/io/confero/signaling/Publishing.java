package io.confero.signaling;

import io.confero.codecs.sfu.SfuRequest;
import io.confero.codecs.sfu.TrackInfo;
import io.confero.meeting.MeetingMutations;
import io.confero.meeting.ShareMutations;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A participant's own media (LiveKit's participant side): {@code publish} (with the meeting's one
 * screen-sharing slot), {@code mute}, and a host's mute applied in the SFU; the others hear about
 * every track that comes or goes and are renegotiated.
 */
final class Publishing {
  private final SfuClient sfu;
  private final LiveState live;
  private final Broadcaster rooms;
  private final Subscriptions subscriptions;

  Publishing(SfuClient sfu, LiveState live, Broadcaster rooms, Subscriptions subscriptions) {
    this.sfu = sfu;
    this.live = live;
    this.rooms = rooms;
    this.subscriptions = subscriptions;
  }

  /**
   * Answers a publish. A screen the meeting does not allow now (someone else shares) does not
   * refuse the whole offer: its m-section is answered rejected (RFC 3264 §6) and listed in the
   * answer's {@code rejected}, so the browser's transceiver stops cleanly and the rest negotiates.
   */
  Future<?> publish(Connection conn, JsonObject msg) {
    String sdp = Messages.str(msg, "sdp", Subscriptions.MAX_SDP, true);
    Map<String, String> sources = sources(msg);
    boolean startsSharing = sources.containsValue("screen") && !conn.sharing;
    Future<List<String>> refused = startsSharing ? startShare(conn, sources) : Future.succeededFuture(List.of());
    return refused.compose(mids -> sfu.<SfuRequest.PublishAnswer>request(
            new SfuRequest.Publish(conn.meetingId(), conn.participantId(), sdp, sources, mids))
        .onComplete(ar -> sharingSettled(conn, startsSharing && mids.isEmpty(), ar.succeeded() ? ar.result() : null))
        .map(answer -> {
          answered(conn, answer, mids);
          return null;
        })).compose(x -> keepMuted(conn));
  }

  private static Map<String, String> sources(JsonObject msg) {
    Map<String, String> sources = new LinkedHashMap<>();
    Object s = msg.getValue("sources");
    if (s != null) {
      if (!(s instanceof JsonObject o) || o.size() > 64) {
        throw new SignalingError("bad-message", "'sources' must be an object of mid → source");
      }
      for (String mid : o.fieldNames()) {
        if (!(o.getValue(mid) instanceof String src) || mid.length() > 32 || src.length() > 16) {
          throw new SignalingError("bad-message", "'sources' values must be strings");
        }
        sources.put(mid, src);
      }
    }
    return sources;
  }

  /**
   * Takes the meeting's sharing slot for this participant: the screen mids to refuse (empty when
   * granted), or a failure with the stable code when the participant may not share at all.
   */
  private Future<List<String>> startShare(Connection conn, Map<String, String> sources) {
    return live.mutate(conn, new ShareMutations.StartShare(conn.principal.participant())).compose(out -> {
      if (out.accepted()) {
        return Future.succeededFuture(List.of());
      }
      if (!ShareMutations.SHARE_IN_PROGRESS.equals(out.errorCode())) {
        return Future.failedFuture(LiveState.refusal(out.errorCode()));
      }
      return Future.succeededFuture(sources.entrySet().stream().filter(e -> e.getValue().equals("screen"))
          .map(Map.Entry::getKey).toList());
    });
  }

  /** Sends {@code publish_answer} (with the refused mids, if any) and tells the others what changed. */
  private void answered(Connection conn, SfuRequest.PublishAnswer answer, List<String> refusedMids) {
    List<String> before = conn.tracks.stream().map(TrackInfo::trackId).toList();
    conn.tracks.clear();
    conn.tracks.addAll(answer.tracks());
    JsonObject reply = new JsonObject().put("type", "publish_answer").put("sdp", answer.answerSdp())
        .put("tracks", Json.array(answer.tracks().stream().map(Connection::trackJson).toList()));
    if (!refusedMids.isEmpty()) {
      SignalingError why = LiveState.refusal(ShareMutations.SHARE_IN_PROGRESS);
      reply.put("rejected", Json.array(refusedMids.stream().map(mid -> new JsonObject().put("mid", mid)
          .put("source", "screen").put("code", why.code).put("message", why.getMessage())).toList()));
    }
    conn.send(reply);
    for (TrackInfo t : answer.removed()) {
      rooms.broadcast(conn.meetingId(), new JsonObject().put("type", "track_unpublished")
          .put("track", Connection.trackJson(t)), conn);
    }
    for (TrackInfo t : answer.tracks()) {
      if (!before.contains(t.trackId())) {
        rooms.broadcast(conn.meetingId(), new JsonObject().put("type", "track_published")
            .put("track", Connection.trackJson(t)), conn);
      }
    }
    subscriptions.renegotiateAll(conn.meetingId(), conn);
  }

  /**
   * Closes every track of a participant that may no longer publish (a webinar panelist demoted to
   * attendee): the SFU closes its producers, its screen frees the sharing slot, the others are told
   * and renegotiated.
   */
  Future<?> unpublishAll(Connection conn) {
    return sfu.<SfuRequest.PublishAnswer>request(new SfuRequest.Unpublish(conn.meetingId(), conn.participantId()))
        .map(answer -> {
          sharingSettled(conn, false, answer);
          conn.tracks.clear();
          for (TrackInfo t : answer.removed()) {
            rooms.broadcast(conn.meetingId(), new JsonObject().put("type", "track_unpublished")
                .put("track", Connection.trackJson(t)), conn);
          }
          subscriptions.renegotiateAll(conn.meetingId(), conn);
          return null;
        });
  }

  /**
   * Records whether the participant shares a screen after a publish: a screen that did not make it
   * (refused offer, failed SFU request) or was unpublished frees the meeting's sharing slot.
   */
  private void sharingSettled(Connection conn, boolean startedSharing, SfuRequest.PublishAnswer answer) {
    boolean sharing = answer == null ? conn.sharing && !startedSharing
        : answer.tracks().stream().anyMatch(t -> t.source().equals("screen"));
    if ((conn.sharing || startedSharing) && !sharing) {
      live.mutate(conn, new ShareMutations.StopShare(conn.principal.participant()));
    }
    conn.sharing = sharing;
  }

  /**
   * A participant muted by a host (or by mute_on_entry) stays muted in the SFU when they publish
   * new tracks: only they can turn their media back on, with {@code mute}.
   */
  private Future<?> keepMuted(Connection conn) {
    List<Future<?>> muting = new ArrayList<>();
    if (conn.audioMuted) {
      muting.add(sfu.request(new SfuRequest.SetMuted(conn.meetingId(), conn.participantId(), "audio", true)));
    }
    if (conn.videoMuted) {
      muting.add(sfu.request(new SfuRequest.SetMuted(conn.meetingId(), conn.participantId(), "video", true)));
    }
    return Future.all(muting);
  }

  Future<?> mute(Connection conn, JsonObject msg) {
    String kind = Messages.str(msg, "kind", 8, true);
    if (!kind.equals("audio") && !kind.equals("video")) {
      throw new SignalingError("bad-message", "'kind' must be audio or video");
    }
    if (!(msg.getValue("muted") instanceof Boolean muted)) {
      throw new SignalingError("bad-message", "'muted' must be true or false");
    }
    if (kind.equals("audio")) {
      conn.audioMuted = muted;
    } else {
      conn.videoMuted = muted;
    }
    live.mutate(conn, new MeetingMutations.SetMutes(conn.principal.participant(), conn.audioMuted, conn.videoMuted));
    return applyMute(conn, kind, muted);
  }

  /** Tells the SFU to stop or resume forwarding one kind of this participant's media, then tells everyone. */
  Future<?> applyMute(Connection conn, String kind, boolean muted) {
    conn.tracks.replaceAll(t -> t.kind().equals(kind) && !t.source().equals("screen") ? t.withMuted(muted) : t);
    return sfu.request(new SfuRequest.SetMuted(conn.meetingId(), conn.participantId(), kind, muted)).map(x -> {
      JsonObject update = new JsonObject().put("type", "participant_updated").put("participant", conn.participantJson());
      rooms.broadcast(conn.meetingId(), update, null);
      return null;
    });
  }
}
