package io.confero.signaling;

import io.vertx.core.json.JsonObject;

/** Sends one message to the participants of a meeting connected to this node. */
interface Broadcaster {
  /** To every participant in the meeting (joined or held; a held one receives nothing) but {@code except}. */
  void broadcast(String meetingId, JsonObject msg, Connection except);

  /** To the joined hosts and co-hosts of a meeting. */
  void broadcastModerators(String meetingId, JsonObject msg);
}
