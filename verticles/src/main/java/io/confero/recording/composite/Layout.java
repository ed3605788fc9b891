package io.confero.recording.composite;

import java.util.List;

/** A stretch of the recording with one arrangement of tiles on the canvas. */
public record Layout(double start, double end, List<Tile> tiles) {
  /**
   * One participant's tile (or their screen).
   *
   * @param participantId whose it is
   * @param name the name shown on it
   * @param video the index of the video input to show, or -1 for none (the name is shown instead)
   * @param screen whether it shows a screen share
   */
  public record Tile(String participantId, String name, int video, boolean screen, int x, int y, int w, int h) {
  }
}
