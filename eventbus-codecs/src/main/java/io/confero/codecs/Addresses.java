package io.confero.codecs;

import java.util.regex.Pattern;

/** Every event-bus address Confero uses, built in one place. */
public final class Addresses {
  private static final Pattern PART = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private Addresses() {}

  /** Commands to one SFU worker (one UDP socket, one event loop) on one node. */
  public static String sfuWorker(String nodeId, int worker) {
    return "confero.sfu." + part(nodeId) + "." + worker + ".cmd";
  }

  /**
   * Commands to a node's SFU as a whole: its dispatcher places each participant on a worker and
   * forwards the command to {@link #sfuWorker} of that worker.
   */
  public static String sfuNode(String nodeId) {
    return "confero.sfu." + part(nodeId) + ".cmd";
  }

  /**
   * Cascade control for one SFU worker from workers of other nodes (meetings spanning nodes: who
   * hosts what, producers opening and closing, link keys); the media itself goes over UDP links.
   */
  public static String sfuCascade(String nodeId, int worker) {
    return "confero.sfu." + part(nodeId) + "." + worker + ".cascade";
  }

  /** Events the SFU workers of a node publish for the signaling verticle of that node. */
  public static String sfuEvents(String nodeId) {
    return "confero.sfu." + part(nodeId) + ".events";
  }

  /** Events of one meeting, published to every node that has participants in it. */
  public static String meetingEvents(String meetingId) {
    return "confero.meeting." + part(meetingId) + ".events";
  }

  /** Seats that ended, published to the TURN server of every node (they end its credentials). */
  public static String turnSeatsEnded() {
    return "confero.turn.seats-ended";
  }

  private static String part(String s) {
    if (s == null || !PART.matcher(s).matches()) {
      throw new IllegalArgumentException("invalid address part: " + s);
    }
    return s;
  }
}
