package io.confero.recording.composite;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Decides what the canvas shows when. Between two changes (an event, a track starting or ending)
 * the arrangement is fixed: a gallery of everyone present (a near-square grid in order of
 * arrival), or, while someone shares their screen, the screen large on the left with the speaker
 * (else the sharer) beside it. A participant whose camera is off or absent is shown by name.
 * Neighbouring stretches with the same arrangement are merged. The {@link CompositeKind#SPEAKER}
 * kind arranges the stretches without a screen share with {@link SpeakerLayout} instead of the grid.
 * Pure.
 */
public final class LayoutPlanner {
  /** A video input and whose it is. */
  public record VideoSpan(int input, String participantId, boolean screen, double start, double end) {
  }

  private final int width;
  private final int height;
  private final CompositeKind kind;

  public LayoutPlanner(int width, int height) {
    this(width, height, CompositeKind.GALLERY);
  }

  public LayoutPlanner(int width, int height, CompositeKind kind) {
    this.width = width;
    this.height = height;
    this.kind = kind;
  }

  public List<Layout> plan(MeetingTimeline timeline, List<VideoSpan> videos) {
    TreeSet<Double> cuts = timeline.changes();
    cuts.add(0.0);
    cuts.add(timeline.duration());
    for (VideoSpan v : videos) {
      cuts.add(clamp(v.start(), timeline));
      cuts.add(clamp(v.end(), timeline));
    }
    List<Layout> out = new ArrayList<>();
    Double prev = null;
    for (double cut : cuts) {
      if (prev != null && cut > prev) {
        List<Layout.Tile> tiles = arrange(timeline, videos, (prev + cut) / 2);
        Layout last = out.isEmpty() ? null : out.get(out.size() - 1);
        if (last != null && last.tiles().equals(tiles)) {
          out.set(out.size() - 1, new Layout(last.start(), cut, tiles));
        } else {
          out.add(new Layout(prev, cut, tiles));
        }
      }
      prev = cut;
    }
    return out;
  }

  private static double clamp(double t, MeetingTimeline m) {
    return Math.max(0, Math.min(m.duration(), t));
  }

  List<Layout.Tile> arrange(MeetingTimeline m, List<VideoSpan> videos, double t) {
    List<MeetingTimeline.Person> present = m.people().stream().filter(p -> p.presentAt(t)).toList();
    for (MeetingTimeline.Person p : present) {
      int screen = video(videos, p.id(), true, t);
      if (screen >= 0 && p.sharingAt(t)) {
        String speaker = m.speakerAt(t);
        MeetingTimeline.Person beside = present.stream().filter(q -> q.id().equals(speaker)).findFirst().orElse(p);
        int side = width / 4;
        int sideH = side * 9 / 16;
        return List.of(new Layout.Tile(p.id(), p.name(), screen, true, 0, 0, width - side, height),
            tile(m, videos, beside, t, width - side, (height - sideH) / 2, side, sideH));
      }
    }
    if (kind == CompositeKind.SPEAKER) {
      return SpeakerLayout.arrange(m, videos, present, t, width, height);
    }
    List<Layout.Tile> tiles = new ArrayList<>();
    int n = present.size();
    if (n == 0) {
      return tiles;
    }
    int cols = (int) Math.ceil(Math.sqrt(n));
    int rows = (n + cols - 1) / cols;
    int w = even(width / cols);
    int h = even(height / rows);
    for (int i = 0; i < n; i++) {
      int row = i / cols;
      int inRow = Math.min(cols, n - row * cols);
      int x0 = (width - inRow * w) / 2;
      tiles.add(tile(m, videos, present.get(i), t, even(x0 + (i % cols) * w), even(row * h + (height - rows * h) / 2), w, h));
    }
    return tiles;
  }

  static Layout.Tile tile(MeetingTimeline m, List<VideoSpan> videos, MeetingTimeline.Person p, double t,
      int x, int y, int w, int h) {
    int cam = p.cameraOffAt(t) ? -1 : video(videos, p.id(), false, t);
    return new Layout.Tile(p.id(), p.name(), cam, false, x, y, even(w), even(h));
  }

  private static int video(List<VideoSpan> videos, String id, boolean screen, double t) {
    for (VideoSpan v : videos) {
      if (Objects.equals(v.participantId(), id) && v.screen() == screen && t >= v.start() && t < v.end()) {
        return v.input();
      }
    }
    return -1;
  }

  static int even(int v) {
    return v & ~1;
  }
}
