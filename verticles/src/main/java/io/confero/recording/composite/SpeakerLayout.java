package io.confero.recording.composite;

import java.util.ArrayList;
import java.util.List;

/**
 * The speaker view's arrangement of a stretch without a screen share: the active speaker fills the
 * canvas above a strip of small tiles of the others present (in order of arrival, as many as fit;
 * the rest are left out). Alone, the one present fills the whole canvas. The large tile follows the
 * captured active-speaker events, but a turn shorter than {@link #MIN_TURN} seconds (a cough, a
 * "yes") does not take it: the view would flicker, and every switch costs the compositor inputs.
 * When the speaker is not present (left, or nobody has spoken yet), the first present takes the
 * large tile. Pure.
 */
final class SpeakerLayout {
  /** The shortest turn, in seconds, that moves the large tile. */
  static final double MIN_TURN = 1.0;

  private SpeakerLayout() {
  }

  static List<Layout.Tile> arrange(MeetingTimeline m, List<LayoutPlanner.VideoSpan> videos,
      List<MeetingTimeline.Person> present, double t, int width, int height) {
    if (present.isEmpty()) {
      return List.of();
    }
    String speaker = largeAt(m, t);
    MeetingTimeline.Person large = present.stream().filter(p -> p.id().equals(speaker)).findFirst()
        .orElse(present.get(0));
    List<Layout.Tile> tiles = new ArrayList<>();
    if (present.size() == 1) {
      tiles.add(LayoutPlanner.tile(m, videos, large, t, 0, 0, width, height));
      return tiles;
    }
    int stripH = LayoutPlanner.even(height / 5);
    int thumbW = LayoutPlanner.even(stripH * 16 / 9);
    tiles.add(LayoutPlanner.tile(m, videos, large, t, 0, 0, width, height - stripH));
    List<MeetingTimeline.Person> others = present.stream().filter(p -> p != large)
        .limit(Math.max(1, width / thumbW)).toList();
    int x0 = (width - others.size() * thumbW) / 2;
    for (int i = 0; i < others.size(); i++) {
      tiles.add(LayoutPlanner.tile(m, videos, others.get(i), t, LayoutPlanner.even(x0 + i * thumbW), height - stripH,
          thumbW, stripH));
    }
    return tiles;
  }

  /**
   * Who has the large tile at {@code t}: the speaker of the last turn begun at or before {@code t}
   * that lasts at least {@link #MIN_TURN} (a turn lasts until the next change of speaker, the last
   * one until the end); {@code null} before any such turn.
   */
  static String largeAt(MeetingTimeline m, double t) {
    List<MeetingTimeline.SpeakerChange> changes = m.speakerChanges();
    String who = null;
    for (int i = 0; i < changes.size() && changes.get(i).at() <= t; i++) {
      double end = i + 1 < changes.size() ? changes.get(i + 1).at() : m.duration();
      if (end - changes.get(i).at() >= MIN_TURN || i + 1 == changes.size()) {
        who = changes.get(i).participantId();
      }
    }
    return who;
  }
}
