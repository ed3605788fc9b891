package io.confero.loadgen;

import java.util.Map;

/** Comparisons of two looks at what a participant received. */
public final class Reception {
  private Reception() {
  }

  /**
   * How many remote tracks of {@code kind} made progress between the looks: new video frames (or,
   * for audio, new packets).
   */
  public static int rising(Map<String, TrackReception.Snapshot> before, Map<String, TrackReception.Snapshot> now,
      String kind) {
    int n = 0;
    for (TrackReception.Snapshot s : now.values()) {
      if (!kind.equals(s.kind())) {
        continue;
      }
      TrackReception.Snapshot b = before.get(s.trackId());
      long was = b == null ? 0 : "video".equals(kind) ? b.frames() : b.packets();
      long is = "video".equals(kind) ? s.frames() : s.packets();
      if (is > was) {
        n++;
      }
    }
    return n;
  }
}
