package io.confero.signaling;

import io.confero.meeting.HostMutations;
import io.confero.meeting.LiveParticipant;
import io.confero.meeting.ParticipantId;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.confero.store.ChatRepository;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/** Chat (durable, broadcast to everyone), reactions (short-lived) and raised hands (live state). */
final class Social {
  /** The most UTF-8 bytes one chat message may hold. */
  static final int MAX_CHAT_BYTES = 4096;

  /** Reactions a meeting may fan out per second (and at once). */
  static final int REACTIONS_PER_SECOND = 10;
  static final int REACTION_BURST = 20;

  private final LiveState live;
  private final Rooms rooms;
  private final ChatRepository chat;
  private final Clock clock;
  private final ReactionBudget reactions = new ReactionBudget(REACTIONS_PER_SECOND, REACTION_BURST);

  Social(LiveState live, Rooms rooms, ChatRepository chat, Clock clock) {
    this.live = live;
    this.rooms = rooms;
    this.chat = chat;
    this.clock = clock;
  }

  /** The meeting has no connection on this node any more. */
  void forget(String meetingId) {
    reactions.forget(meetingId);
  }

  Future<?> handle(Connection conn, String type, JsonObject msg) {
    ParticipantId self = conn.principal.participant();
    return switch (type) {
      case "chat" -> chat(conn, msg);
      case "reaction" -> {
        String emoji = Messages.str(msg, "emoji", 16, true);
        if (!HostMutations.REACTIONS.contains(emoji)) {
          throw new SignalingError("bad-message", "'emoji' must be one of " + HostMutations.REACTIONS);
        }
        // joined is checked by Messages: no cluster round trip for something this short-lived
        if (!reactions.tryTake(conn.meetingId(), clock.millis())) {
          throw new SignalingError("rate-limited", "too many reactions in this meeting right now; try again in a moment");
        }
        rooms.broadcast(conn.meetingId(), new JsonObject().put("type", "reaction")
            .put("participant_id", conn.participantId()).put("emoji", emoji), null);
        yield Future.succeededFuture();
      }
      case "raise_hand" -> hand(conn, new HostMutations.SetHand(self, self, Messages.bool(msg, "raised"),
          System.currentTimeMillis()), self);
      default -> {
        ParticipantId target = Messages.participant(msg, "participant_id");
        yield hand(conn, new HostMutations.SetHand(self, target, false, 0), target);
      }
    };
  }

  private Future<?> chat(Connection conn, JsonObject msg) {
    Object t = msg.getValue("text");
    if (!(t instanceof String text) || text.isBlank()) {
      throw new SignalingError("bad-message", "'text' must be a non-empty string");
    }
    String bad = io.confero.meeting.TextCheck.problem(text);
    if (bad != null) {
      throw new SignalingError("bad-message", "'text' " + bad);
    }
    if (text.getBytes(StandardCharsets.UTF_8).length > MAX_CHAT_BYTES) {
      throw new SignalingError("too-large", "a chat message holds at most " + MAX_CHAT_BYTES + " bytes of text");
    }
    return chat.append(conn.principal.meeting(), conn.principal.participant(),
        conn.principal.displayName(), text).map(stored -> {
          rooms.broadcast(conn.meetingId(), new JsonObject().put("type", "chat").put("message", Views.chat(stored)), null);
          return null;
        });
  }

  private Future<?> hand(Connection conn, HostMutations.SetHand m, ParticipantId target) {
    return live.mutateOrFail(conn, m).map(out -> {
      LiveParticipant p = out.state().participants().get(target);
      Connection c = rooms.connection(conn.meetingId(), target.value());
      JsonObject pj;
      if (c != null) {
        c.sync(p);
        pj = c.participantJson();
      } else {
        pj = Views.participant(p);
      }
      rooms.broadcast(conn.meetingId(), new JsonObject().put("type", "participant_updated").put("participant", pj), null);
      return null;
    });
  }
}
