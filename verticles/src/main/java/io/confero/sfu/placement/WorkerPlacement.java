package io.confero.sfu.placement;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The node's record of which worker serves each participant, and the projection that turns the
 * workers' measured load into a {@link PlacementPolicy} input. A worker's forwarded-packet rate
 * lags a join by seconds (ICE, DTLS, then a one-second sample), so a crowd joining at once would
 * all land on the worker that was least loaded before it came: each placement younger than
 * {@link #SETTLE_NANOS} therefore adds the node's current average rate per participant (at least
 * {@link #MIN_RATE_PER_PARTICIPANT}) to its worker's projection. Not thread-safe: one owner (the
 * node's SFU dispatcher) calls it; the clock is passed in.
 */
public final class WorkerPlacement {
  /** How long a placement counts as not yet visible in the measured load. */
  public static final long SETTLE_NANOS = 5_000_000_000L;
  /** The load a newcomer is assumed to add when the node measures less (one 15 fps video and audio each way). */
  public static final double MIN_RATE_PER_PARTICIPANT = 200;

  private final int workers;
  private final int spreadThreshold;
  /** meeting id → participant id → worker. */
  private final Map<String, Map<String, Integer>> meetings = new HashMap<>();
  /** Per worker: when its recent placements happened (oldest first). */
  private final ArrayDeque<Long>[] recent;
  private int placed;

  @SuppressWarnings("unchecked")
  public WorkerPlacement(int workers, int spreadThreshold) {
    if (workers < 1 || spreadThreshold < 1) {
      throw new IllegalArgumentException("workers and spread threshold must be at least 1");
    }
    this.workers = workers;
    this.spreadThreshold = spreadThreshold;
    this.recent = new ArrayDeque[workers];
    for (int w = 0; w < workers; w++) {
      recent[w] = new ArrayDeque<>();
    }
  }

  /**
   * The worker of a participant: the one it already has, else a new placement by the policy.
   *
   * @param measuredRates each worker's forwarded packets per second as last measured
   */
  public int place(String meetingId, String participantId, long[] measuredRates, long nowNanos) {
    Map<String, Integer> meeting = meetings.computeIfAbsent(meetingId, k -> new HashMap<>());
    Integer known = meeting.get(participantId);
    if (known != null) {
      return known;
    }
    int w = PlacementPolicy.choose(counts(meeting), projected(measuredRates, nowNanos), spreadThreshold);
    meeting.put(participantId, w);
    recent[w].addLast(nowNanos);
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
    if (meeting != null && meeting.remove(participantId) != null) {
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

  private double[] projected(long[] measuredRates, long nowNanos) {
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
      while (!recent[w].isEmpty() && nowNanos - recent[w].peekFirst() > SETTLE_NANOS) {
        recent[w].pollFirst();
      }
      out[w] = measuredRates[w] + recent[w].size() * perParticipant;
    }
    return out;
  }
}
