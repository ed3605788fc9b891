package io.confero.signaling;

import io.confero.codecs.sfu.SfuRequest;
import io.confero.codecs.sfu.TrackInfo;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;

/**
 * Receiver-driven video constraints (as Jitsi's "sender video constraints"): each subscriber says
 * how many pixels high it shows each remote camera (`video_quality`, 0 when off screen); the
 * publisher is told the largest height anyone shows (`video_constraints`) and scales its encoder
 * down to it, and the SFU stops forwarding a track to a subscriber that shows it at 0 (no
 * bandwidth and no decoding for off-screen tiles). In a gallery of small tiles every browser then
 * encodes and decodes small frames instead of full ones, which is what lets a 2-core machine hold
 * a six-person video meeting.
 *
 * <p>Runs on the signaling verticle's event loop: requests update the subscriber's wishes, and a
 * periodic pass ({@link #recomputeAll}) tells publishers about changes, so joins, leaves and new
 * tracks need no hooks of their own. A subscriber that has not said anything about a track counts
 * as wanting it unconstrained.
 */
final class VideoQuality {
  /** What a subscriber that said nothing wants: no constraint. */
  static final int UNCONSTRAINED = 2160;
  static final int MAX_HEIGHT = 4320;
  /** Most tracks one subscriber may state wishes for (a meeting shows at most 49 videos + screens). */
  static final int MAX_TRACKS = 256;

  private final Rooms rooms;
  private final SfuClient sfu;

  VideoQuality(Rooms rooms, SfuClient sfu) {
    this.rooms = rooms;
    this.sfu = sfu;
  }

  /**
   * {@code video_quality}: {@code track_id} (another participant's video) and {@code max_height}
   * 0..4320, or {@code tracks}, a list of such pairs (a gallery page turn changes up to 49 at once,
   * which one frame each would push past the socket's frame limit). A malformed entry refuses the
   * whole message and changes nothing; in the list, a track the signaling plane does not know yet
   * (the SFU offered it before its publisher's answer was registered here) is kept and applied once
   * it is known (at most {@link #MAX_TRACKS} such per connection).
   */
  Future<?> onRequest(Connection conn, JsonObject msg) {
    Object list = msg.getValue("tracks");
    if (list == null) {
      return apply(conn, List.of(wish(conn, msg)));
    }
    if (!(list instanceof JsonArray a) || a.isEmpty() || a.size() > MAX_TRACKS) {
      throw new SignalingError("bad-message", "'tracks' must be a list of 1 to " + MAX_TRACKS + " {track_id, max_height}");
    }
    List<Wish> wishes = new ArrayList<>();
    for (Object o : a) {
      if (!(o instanceof JsonObject entry)) {
        throw new SignalingError("bad-message", "each of 'tracks' must be an object {track_id, max_height}");
      }
      Messages.str(entry, "track_id", 64, true);
      if (isRemoteVideo(conn, entry.getString("track_id"))) {
        wishes.add(wish(conn, entry));
      } else {
        wishes.add(new Wish(entry.getString("track_id"), height(entry), false));
      }
    }
    return apply(conn, wishes);
  }

  private record Wish(String trackId, int height, boolean known) {}

  private static int height(JsonObject msg) {
    if (!(msg.getValue("max_height") instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
        || n.intValue() < 0 || n.intValue() > MAX_HEIGHT) {
      throw new SignalingError("bad-message", "'max_height' must be an integer from 0 to " + MAX_HEIGHT);
    }
    return n.intValue();
  }

  private Wish wish(Connection conn, JsonObject msg) {
    String trackId = Messages.str(msg, "track_id", 64, true);
    int height = height(msg);
    if (!isRemoteVideo(conn, trackId)) {
      throw new SignalingError("no-such-track", "no other participant's video track has this id");
    }
    return new Wish(trackId, height, true);
  }

  private Future<?> apply(Connection conn, List<Wish> wishes) {
    List<Future<?>> sent = new ArrayList<>();
    for (Wish w : wishes) {
      if (!w.known()) {
        if (conn.pendingHeights.size() < MAX_TRACKS || conn.pendingHeights.containsKey(w.trackId())) {
          conn.pendingHeights.put(w.trackId(), w.height());
        }
        continue;
      }
      conn.pendingHeights.remove(w.trackId());
      if (!conn.wantedHeights.containsKey(w.trackId()) && conn.wantedHeights.size() >= MAX_TRACKS) {
        conn.wantedHeights.keySet().removeIf(id -> !isRemoteVideo(conn, id));
      }
      Integer before = conn.wantedHeights.put(w.trackId(), w.height());
      if (before == null || before != w.height()) {
        // the height pauses a hidden track and picks the simulcast layer of a shown one
        sent.add(sfu.request(new SfuRequest.SetTrackHeight(conn.meetingId(), conn.participantId(), w.trackId(),
            w.height())));
      }
    }
    recompute(conn.meetingId());
    return Future.all(sent);
  }

  /** Wishes for tracks that were not known yet: sent to the SFU once the track is another participant's video. */
  private void applyPending(Connection conn) {
    if (conn.pendingHeights.isEmpty()) {
      return;
    }
    List<Wish> known = new ArrayList<>();
    conn.pendingHeights.forEach((id, h) -> {
      if (isRemoteVideo(conn, id)) {
        known.add(new Wish(id, h, true));
      }
    });
    for (Wish w : known) {
      conn.pendingHeights.remove(w.trackId());
      conn.wantedHeights.put(w.trackId(), w.height());
      sfu.request(new SfuRequest.SetTrackHeight(conn.meetingId(), conn.participantId(), w.trackId(), w.height()));
    }
  }

  private boolean isRemoteVideo(Connection conn, String trackId) {
    for (Connection owner : rooms.connections(conn.meetingId())) {
      if (owner != conn && owner.inMeeting()) {
        for (TrackInfo t : owner.tracks) {
          if (t.trackId().equals(trackId) && t.kind().equals("video")) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** Tells every publisher on this node whose constraint changed. */
  void recomputeAll() {
    for (String meetingId : rooms.meetingIds()) {
      recompute(meetingId);
    }
  }

  void recompute(String meetingId) {
    List<Connection> room = rooms.connections(meetingId);
    for (Connection sub : room) {
      applyPending(sub);
    }
    for (Connection owner : room) {
      if (!owner.inMeeting()) {
        continue;
      }
      for (TrackInfo t : owner.tracks) {
        if (!t.kind().equals("video")) {
          continue;
        }
        int wanted = 0;
        for (Connection sub : room) {
          if (sub != owner && sub.active()) { // one reconnecting receives nothing
            wanted = Math.max(wanted, sub.wantedHeights.getOrDefault(t.trackId(), UNCONSTRAINED));
          }
        }
        Integer told = owner.toldHeights.put(t.trackId(), wanted);
        if (told == null || told != wanted) {
          owner.send(new JsonObject().put("type", "video_constraints").put("track_id", t.trackId())
              .put("max_height", wanted));
        }
      }
      owner.toldHeights.keySet().removeIf(id -> owner.tracks.stream().noneMatch(t -> t.trackId().equals(id)));
    }
  }
}
