package io.confero.signaling;

import io.confero.codecs.sfu.SfuRequest;
import io.confero.codecs.sfu.TrackInfo;
import io.confero.meeting.MeetingMutations;
import io.confero.meeting.ShareMutations;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Validates and handles each client frame of protocol v1 (docs/protocol.md). */
final class Messages {
  static final int PROTOCOL_VERSION = 1;
  /** What the {@code viewer} role may not do (watch, listen, react and raise a hand only). */
  private static final Set<String> VIEWERS_MAY_NOT = Set.of("publish", "chat");
  private static final Set<String> TYPES = Set.of("join", "publish", "subscribe_answer", "trickle", "mute", "leave",
      "ping", "chat", "reaction", "raise_hand", "lower_hand", "mute_participant", "mute_all", "ask_unmute",
      "remove_participant", "lock", "set_role", "transfer_host", "end_meeting", "admit", "deny", "admit_all",
      "video_quality", "allow_multi_share", "start_recording", "stop_recording", "e2ee");
  private static final int MAX_SDP = 60 * 1024;

  private final SignalingVerticle v;
  final JoinFlow joins;
  private final HostControls host;
  private final Social social;
  private final E2eeRelay e2ee;
  final VideoQuality quality;

  Messages(SignalingVerticle v) {
    this.v = v;
    this.joins = new JoinFlow(v, this);
    this.host = new HostControls(v, joins);
    this.social = new Social(v);
    this.e2ee = new E2eeRelay(v);
    this.quality = new VideoQuality(v);
  }

  /** The meeting has no connection on this node any more: its per-meeting budgets go. */
  void forgetMeeting(String meetingId) {
    social.forget(meetingId);
    e2ee.forget(meetingId);
  }

  Future<?> handle(Connection conn, JsonObject msg) {
    String type = str(msg, "type", 32, true);
    if (!TYPES.contains(type)) {
      throw new SignalingError("unknown-type", "unknown message type '" + type + "'");
    }
    Object meeting = msg.getValue("meeting_id");
    if (meeting != null && !conn.meetingId().equals(meeting)) {
      throw new SignalingError("wrong-meeting", "this connection belongs to another meeting");
    }
    if (!conn.joined && !type.equals("join") && !type.equals("ping") && !type.equals("leave")) {
      throw new SignalingError("not-joined", conn.waiting ? "wait until a host admits you" : "send join first");
    }
    if (conn.role == io.confero.meeting.Role.VIEWER && VIEWERS_MAY_NOT.contains(type)) {
      throw new SignalingError("view-only", "a viewer watches and listens: no publishing, no chat");
    }
    return switch (type) {
      case "join" -> joins.join(conn, msg);
      case "chat", "reaction", "raise_hand", "lower_hand" -> social.handle(conn, type, msg);
      case "mute_participant", "mute_all", "ask_unmute", "remove_participant", "lock", "set_role", "transfer_host",
          "end_meeting", "admit", "deny", "admit_all", "allow_multi_share" -> host.handle(conn, type, msg);
      case "start_recording", "stop_recording" -> v.recordingControls().handle(conn, type);
      case "e2ee" -> e2ee.handle(conn, msg);
      case "publish" -> publish(conn, msg);
      case "subscribe_answer" -> subscribeAnswer(conn, msg);
      case "trickle" -> trickle(msg);
      case "mute" -> mute(conn, msg);
      case "video_quality" -> quality.onRequest(conn, msg);
      case "leave" -> {
        v.disconnect(conn, (short) 1000, "left");
        yield Future.succeededFuture();
      }
      default -> {
        conn.send(new JsonObject().put("type", "pong"));
        yield Future.succeededFuture();
      }
    };
  }

  /**
   * Answers a publish. A screen the meeting does not allow now (someone else shares) does not
   * refuse the whole offer: its m-section is answered rejected (RFC 3264 §6) and listed in the
   * answer's {@code rejected}, so the browser's transceiver stops cleanly and the rest negotiates.
   */
  private Future<?> publish(Connection conn, JsonObject msg) {
    String sdp = str(msg, "sdp", MAX_SDP, true);
    Map<String, String> sources = sources(msg);
    boolean startsSharing = sources.containsValue("screen") && !conn.sharing;
    Future<List<String>> refused = startsSharing ? startShare(conn, sources) : Future.succeededFuture(List.of());
    return refused.compose(mids -> v.<SfuRequest.PublishAnswer>sfu(
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
    return v.mutate(conn, new ShareMutations.StartShare(conn.principal.participant())).compose(out -> {
      if (out.accepted()) {
        return Future.succeededFuture(List.of());
      }
      if (!ShareMutations.SHARE_IN_PROGRESS.equals(out.errorCode())) {
        return Future.failedFuture(SignalingVerticle.refusal(out.errorCode()));
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
        .put("tracks", SignalingVerticle.array(answer.tracks().stream().map(Connection::trackJson).toList()));
    if (!refusedMids.isEmpty()) {
      SignalingError why = SignalingVerticle.refusal(ShareMutations.SHARE_IN_PROGRESS);
      reply.put("rejected", SignalingVerticle.array(refusedMids.stream().map(mid -> new JsonObject().put("mid", mid)
          .put("source", "screen").put("code", why.code).put("message", why.getMessage())).toList()));
    }
    conn.send(reply);
    for (TrackInfo t : answer.removed()) {
      v.broadcast(conn.meetingId(), new JsonObject().put("type", "track_unpublished")
          .put("track", Connection.trackJson(t)), conn);
    }
    for (TrackInfo t : answer.tracks()) {
      if (!before.contains(t.trackId())) {
        v.broadcast(conn.meetingId(), new JsonObject().put("type", "track_published")
            .put("track", Connection.trackJson(t)), conn);
      }
    }
    v.renegotiateAll(conn.meetingId(), conn);
  }

  /**
   * Records whether the participant shares a screen after a publish: a screen that did not make it
   * (refused offer, failed SFU request) or was unpublished frees the meeting's sharing slot.
   */
  private void sharingSettled(Connection conn, boolean startedSharing, SfuRequest.PublishAnswer answer) {
    boolean sharing = answer == null ? conn.sharing && !startedSharing
        : answer.tracks().stream().anyMatch(t -> t.source().equals("screen"));
    if ((conn.sharing || startedSharing) && !sharing) {
      v.mutate(conn, new ShareMutations.StopShare(conn.principal.participant()));
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
      muting.add(v.sfu(new SfuRequest.SetMuted(conn.meetingId(), conn.participantId(), "audio", true)));
    }
    if (conn.videoMuted) {
      muting.add(v.sfu(new SfuRequest.SetMuted(conn.meetingId(), conn.participantId(), "video", true)));
    }
    return Future.all(muting);
  }

  /** Sends a fresh subscriber offer, or marks one as needed when an offer is already out. */
  void renegotiate(Connection conn) {
    if (conn.closed) {
      return;
    }
    if (conn.subscribeInFlight) {
      conn.subscribeDirty = true;
      return;
    }
    conn.subscribeInFlight = true;
    conn.subscribeDirty = false;
    v.<SfuRequest.SubscribeOffer>sfu(new SfuRequest.Subscribe(conn.meetingId(), conn.participantId()))
        .onSuccess(offer -> {
          if (offer.offerSdp().isEmpty()) {
            conn.subscribeInFlight = false;
            if (conn.subscribeDirty) {
              renegotiate(conn);
            }
            return;
          }
          JsonArray labels = new JsonArray();
          offer.tracks().forEach(t -> labels.add(new JsonObject().put("mid", t.mid())
              .put("track", Connection.trackJson(t.track()))));
          conn.send(new JsonObject().put("type", "subscribe_offer").put("sdp", offer.offerSdp()).put("tracks", labels));
        })
        .onFailure(e -> {
          conn.subscribeInFlight = false;
          v.fail(conn, e, null);
        });
  }

  private Future<?> subscribeAnswer(Connection conn, JsonObject msg) {
    String sdp = str(msg, "sdp", MAX_SDP, true);
    if (!conn.subscribeInFlight) {
      throw new SignalingError("bad-message", "no subscribe_offer is waiting for an answer");
    }
    return v.sfu(new SfuRequest.SubscribeAnswer(conn.meetingId(), conn.participantId(), sdp)).onComplete(ar -> {
      conn.subscribeInFlight = false;
      if (conn.subscribeDirty) {
        renegotiate(conn);
      }
    });
  }

  private Future<?> trickle(JsonObject msg) {
    String target = str(msg, "target", 16, true);
    if (!target.equals("publisher") && !target.equals("subscriber")) {
      throw new SignalingError("bad-message", "'target' must be publisher or subscriber");
    }
    Object cand = msg.getValue("candidate");
    if (cand != null && !(cand instanceof String) && !(cand instanceof JsonObject)) {
      throw new SignalingError("bad-message", "'candidate' must be a string, an object or null");
    }
    return Future.succeededFuture();
  }

  private Future<?> mute(Connection conn, JsonObject msg) {
    String kind = str(msg, "kind", 8, true);
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
    v.mutate(conn, new MeetingMutations.SetMutes(conn.principal.participant(), conn.audioMuted, conn.videoMuted));
    return applyMute(conn, kind, muted);
  }

  /** Tells the SFU to stop or resume forwarding one kind of this participant's media, then tells everyone. */
  Future<?> applyMute(Connection conn, String kind, boolean muted) {
    conn.tracks.replaceAll(t -> t.kind().equals(kind) && !t.source().equals("screen") ? t.withMuted(muted) : t);
    return v.sfu(new SfuRequest.SetMuted(conn.meetingId(), conn.participantId(), kind, muted)).map(x -> {
      JsonObject update = new JsonObject().put("type", "participant_updated").put("participant", conn.participantJson());
      v.broadcast(conn.meetingId(), update, null);
      return null;
    });
  }

  /** The participant named by {@code field}: a required UUID string. */
  static io.confero.meeting.ParticipantId participant(JsonObject msg, String field) {
    String s = str(msg, field, 64, true);
    try {
      return new io.confero.meeting.ParticipantId(s);
    } catch (IllegalArgumentException e) {
      throw new SignalingError("bad-message", "'" + field + "' must be a participant id");
    }
  }

  static boolean bool(JsonObject msg, String field) {
    if (!(msg.getValue(field) instanceof Boolean b)) {
      throw new SignalingError("bad-message", "'" + field + "' must be true or false");
    }
    return b;
  }

  static String str(JsonObject msg, String field, int max, boolean required) {
    Object val = msg.getValue(field);
    if (val == null) {
      if (required) {
        throw new SignalingError("bad-message", "'" + field + "' is required");
      }
      return null;
    }
    if (!(val instanceof String s)) {
      throw new SignalingError("bad-message", "'" + field + "' must be a string");
    }
    if (s.length() > max) {
      throw new SignalingError("bad-message", "'" + field + "' is longer than " + max + " characters");
    }
    return s;
  }
}
