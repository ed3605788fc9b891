package io.confero.sfu.placement;

/**
 * Which SFU worker of a node a participant's media goes to, as a pure decision (no clock, no
 * state): a meeting with fewer than {@code spreadThreshold} participants on the node stays on the
 * worker that hosts most of them, so small meetings never pay for a pipe; the first participant
 * of a meeting, and every newcomer of a larger one, goes to the worker with the least projected
 * load, preferring among equals one that already hosts the meeting (one pipe fewer), then the
 * lowest index. Compare mediasoup, which leaves worker choice to the application, and LiveKit,
 * which places rooms by node CPU load.
 */
public final class PlacementPolicy {
  private PlacementPolicy() {
  }

  /**
   * @param meetingCounts participants of the meeting on each worker now
   * @param projectedLoad each worker's projected load (forwarded packets per second, measured plus
   *     what recent placements are expected to add)
   * @param spreadThreshold participants on the node from which the meeting spreads over workers
   * @return the worker index
   */
  public static int choose(int[] meetingCounts, double[] projectedLoad, int spreadThreshold) {
    if (meetingCounts.length != projectedLoad.length || meetingCounts.length == 0) {
      throw new IllegalArgumentException("one count and one load per worker, at least one worker");
    }
    int total = 0;
    int home = 0;
    for (int w = 0; w < meetingCounts.length; w++) {
      total += meetingCounts[w];
      if (meetingCounts[w] > meetingCounts[home]) {
        home = w;
      }
    }
    if (total > 0 && total < spreadThreshold) {
      return home;
    }
    int best = 0;
    for (int w = 1; w < projectedLoad.length; w++) {
      if (projectedLoad[w] < projectedLoad[best]
          || projectedLoad[w] == projectedLoad[best] && meetingCounts[w] > meetingCounts[best]) {
        best = w;
      }
    }
    return best;
  }
}
