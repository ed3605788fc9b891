package io.confero.loadgen;

import io.confero.media.rtp.RtpPacket;
import io.confero.media.sdp.MediaDescription;
import io.confero.media.sdp.SessionDescription;
import io.confero.media.sdp.SsrcAttribute;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one load participant receives: the remote tracks its subscriber offers announced (track id →
 * {@link TrackReception}, and which SSRC carries which), the RTP that arrives on them, and the
 * height it says it shows their videos at. Offers come on the signaling thread, packets on the
 * transport's.
 */
final class RemoteTracks {
  private final Map<Integer, TrackReception> bySsrc = new ConcurrentHashMap<>();
  private final Map<String, TrackReception> byTrack = new ConcurrentHashMap<>();
  /** The height it reports showing every remote video at ({@code video_quality}); -1: says nothing (unconstrained). */
  private volatile int shownVideoHeight = -1;

  void showVideoAt(int height) {
    shownVideoHeight = height;
  }

  /**
   * Which SSRC carries which remote track, from the offer's a=ssrc lines and the tracks list; the
   * {@code video_quality} entries for the video tracks new in it (none while it says nothing).
   */
  JsonArray map(SessionDescription offer, JsonArray tracks) {
    JsonArray shown = new JsonArray();
    for (int i = 0; i < tracks.size(); i++) {
      JsonObject entry = tracks.getJsonObject(i);
      JsonObject track = entry.getJsonObject("track");
      MediaDescription m = offer.mediaByMid(entry.getString("mid")).orElse(null);
      if (m == null || m.isRejected() || track == null) {
        continue;
      }
      String trackId = track.getString("track_id");
      if (shownVideoHeight >= 0 && "video".equals(track.getString("kind")) && !byTrack.containsKey(trackId)) {
        shown.add(new JsonObject().put("track_id", trackId).put("max_height", shownVideoHeight));
      }
      TrackReception r = byTrack.computeIfAbsent(trackId,
          id -> new TrackReception(id, track.getString("participant_id"), track.getString("kind")));
      for (SsrcAttribute a : m.ssrcs()) {
        bySsrc.putIfAbsent((int) a.ssrc(), r);
      }
    }
    return shown;
  }

  /** One decrypted RTP packet from the subscriber transport; unknown SSRCs are ignored. */
  void onRtp(byte[] buf, int off, int len) {
    RtpPacket p = RtpPacket.parse(buf, off, len);
    TrackReception r = p == null ? null : bySsrc.get(p.ssrc());
    if (r != null) {
      r.onPacket(p, System.nanoTime());
    }
  }

  /** What we received of each remote track, keyed by track id. */
  Map<String, TrackReception.Snapshot> snapshot() {
    Map<String, TrackReception.Snapshot> out = new TreeMap<>();
    byTrack.forEach((id, r) -> out.put(id, r.snapshot()));
    return out;
  }
}
