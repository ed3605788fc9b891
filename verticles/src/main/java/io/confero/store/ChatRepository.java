package io.confero.store;

import io.confero.meeting.MeetingId;
import io.confero.meeting.ParticipantId;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/** In-meeting chat messages, durable in PostgreSQL ({@code chat_messages}, migration V3). */
public final class ChatRepository {
  private final Pool pool;

  /** One stored chat message. */
  public record ChatMessage(long id, MeetingId meeting, ParticipantId participant, String displayName, String text,
      Instant sentAt) {}

  public ChatRepository(Pool pool) {
    this.pool = pool;
  }

  /** Stores a message; the database assigns its id and time. */
  public Future<ChatMessage> append(MeetingId meeting, ParticipantId from, String displayName, String text) {
    return pool.preparedQuery("INSERT INTO chat_messages (meeting_id, participant_id, display_name, body)"
            + " VALUES ($1,$2,$3,$4) RETURNING message_id, sent_at")
        .execute(Tuple.of(meeting.uuid(), UUID.fromString(from.value()), displayName, text))
        .map(rows -> {
          Row r = rows.iterator().next();
          return new ChatMessage(r.getLong("message_id"), meeting, from, displayName, text,
              r.getOffsetDateTime("sent_at").toInstant());
        });
  }

  /** The last {@code limit} messages of a meeting, oldest first. */
  public Future<List<ChatMessage>> recent(MeetingId meeting, int limit) {
    return pool.preparedQuery("SELECT message_id, participant_id, display_name, body, sent_at FROM chat_messages"
            + " WHERE meeting_id = $1 ORDER BY message_id DESC LIMIT $2")
        .execute(Tuple.of(meeting.uuid(), limit))
        .map(rows -> {
          List<ChatMessage> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new ChatMessage(r.getLong("message_id"), meeting,
                new ParticipantId(r.getUUID("participant_id").toString()), r.getString("display_name"),
                r.getString("body"), r.getOffsetDateTime("sent_at").toInstant()));
          }
          Collections.reverse(out);
          return out;
        });
  }
}
