package io.confero.sfu.placement;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The node's record of which worker serves each participant, and the projection that turns the
 * workers' measured load into a {@link PlacementPolicy} input. A worker's forwarded-packet rate
 * lags a join by seconds (ICE and DTLS first, then a one-second sample; far longer on a busy
 * machine), so a crowd joining at once would all land on the worker that was least loaded before
 * it came. A worker's projected load is therefore its measured rate, but never less than its
 * placed participants times the node's average rate per placed participant (at least
 * {@link #MIN_RATE_PER_PARTICIPANT}): placements count at once, measurement takes over where a
 * worker's participants cost more than the average (bigger meetings, more video). Not
 * thread-safe: one owner (the node's SFU dispatcher) calls it. It reads no clock: what changes
 * with time arrives as the measured rates.
 */
public final class WorkerPlacement {
  /** The load a newcomer is assumed to add when the node measures less (one 15 fps video and audio each way). */
  public static final double MIN_RATE_PER_PARTICIPANT = 200;

  private final int workers;
  private final int spreadThreshold;
  /** meeting id → participant id → worker. */
  private final Map<String, Map<String, Integer>> meetings = new HashMap<>();
  /** Participants placed on each worker, all meetings. */
  private final int[] perWorker;
  private int placed;

  public WorkerPlacement(int workers, int spreadThreshold) {
    if (workers < 1 || spreadThreshold < 1) {
      throw new IllegalArgumentException("workers and spread threshold must be at least 1");
    }
    this.workers = workers;
    this.spreadThreshold = spreadThreshold;
    this.perWorker = new int[workers];
  }

  /**
   * The worker of a participant: the one it already has, else a new placement by the policy.
   *
   * @param measuredRates each worker's forwarded packets per second as last measured
   */
  public int place(String meetingId, String participantId, long[] measuredRates) {
    Map<String, Integer> meeting = meetings.computeIfAbsent(meetingId, k -> new HashMap<>());
    Integer known = meeting.get(participantId);
    if (known != null) {
      return known;
    }
    int w = PlacementPolicy.choose(counts(meeting), projected(measuredRates), spreadThreshold);
    meeting.put(participantId, w);
    perWorker[w]++;
    placed++;
    return w;
  }

  /** The worker serving a participant, if placed. */
  public OptionalInt workerOf(String meetingId, String participantId) {
    Integer w = meetings.getOrDefault(meetingId, Map.of()).get(participantId);
    return w == null ? OptionalInt.empty() : OptionalInt.of(w);
  }

  /** The worker serving most of a meeting's participants (which sees all its tracks), or -1. */
  public int mainWorker(String meetingId) {
    Map<String, Integer> meeting = meetings.get(meetingId);
    if (meeting == null) {
      return -1;
    }
    int[] counts = counts(meeting);
    int best = 0;
    for (int w = 1; w < workers; w++) {
      best = counts[w] > counts[best] ? w : best;
    }
    return best;
  }

  /** The participant left the node's media (or its transport died): it is placed afresh if it returns. */
  public void remove(String meetingId, String participantId) {
    Map<String, Integer> meeting = meetings.get(meetingId);
    Integer w = meeting == null ? null : meeting.remove(participantId);
    if (w != null) {
      perWorker[w]--;
      placed--;
      if (meeting.isEmpty()) {
        meetings.remove(meetingId);
      }
    }
  }

  /** Participants placed on the node. */
  public int placed() {
    return placed;
  }

  private int[] counts(Map<String, Integer> meeting) {
    int[] counts = new int[workers];
    meeting.values().forEach(w -> counts[w]++);
    return counts;
  }

  private double[] projected(long[] measuredRates) {
    if (measuredRates.length != workers) {
      throw new IllegalArgumentException("one measured rate per worker");
    }
    double total = 0;
    for (long r : measuredRates) {
      total += r;
    }
    double perParticipant = Math.max(MIN_RATE_PER_PARTICIPANT, placed == 0 ? 0 : total / placed);
    double[] out = new double[workers];
    for (int w = 0; w < workers; w++) {
      out[w] = Math.max(measuredRates[w], perWorker[w] * perParticipant);
    }
    return out;
  }
}
