package io.confero.signaling;

import io.confero.meeting.HostMutations;
import io.confero.meeting.LiveParticipant;
import io.confero.meeting.ParticipantId;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/** Chat (durable, broadcast to everyone), reactions (short-lived) and raised hands (live state). */
final class Social {
  /** The most UTF-8 bytes one chat message may hold. */
  static final int MAX_CHAT_BYTES = 4096;

  /** Reactions a meeting may fan out per second (and at once). */
  static final int REACTIONS_PER_SECOND = 10;
  static final int REACTION_BURST = 20;

  private final SignalingVerticle v;
  private final ReactionBudget reactions = new ReactionBudget(REACTIONS_PER_SECOND, REACTION_BURST);

  Social(SignalingVerticle v) {
    this.v = v;
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
        if (!reactions.tryTake(conn.meetingId(), v.components().clock().millis())) {
          throw new SignalingError("rate-limited", "too many reactions in this meeting right now; try again in a moment");
        }
        v.broadcast(conn.meetingId(), new JsonObject().put("type", "reaction")
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
    return v.components().chat().append(conn.principal.meeting(), conn.principal.participant(),
        conn.principal.displayName(), text).map(stored -> {
          v.broadcast(conn.meetingId(), new JsonObject().put("type", "chat").put("message", Views.chat(stored)), null);
          return null;
        });
  }

  private Future<?> hand(Connection conn, HostMutations.SetHand m, ParticipantId target) {
    return v.mutateOrFail(conn, m).map(out -> {
      LiveParticipant p = out.state().participants().get(target);
      Connection c = v.connection(conn.meetingId(), target.value());
      JsonObject pj;
      if (c != null) {
        c.sync(p);
        pj = c.participantJson();
      } else {
        pj = Views.participant(p);
      }
      v.broadcast(conn.meetingId(), new JsonObject().put("type", "participant_updated").put("participant", pj), null);
      return null;
    });
  }
}
