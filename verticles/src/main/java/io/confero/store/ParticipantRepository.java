package io.confero.store;

import io.confero.meeting.MeetingId;
import io.confero.meeting.ParticipantId;
import io.confero.meeting.Role;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;

/** Participants issued a seat in a meeting (durable record of who joined, when and how). */
public final class ParticipantRepository {
  private final Pool pool;

  public ParticipantRepository(Pool pool) {
    this.pool = pool;
  }

  public Future<Void> insert(MeetingId meeting, ParticipantId id, String name, Role role, String userRef,
      String via, Instant at) {
    return pool.preparedQuery("INSERT INTO participants (participant_id, meeting_id, display_name, role, user_ref,"
            + " joined_via, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7)")
        .execute(Tuple.from(new Object[] {java.util.UUID.fromString(id.value()), meeting.uuid(), name, role.wire(),
            userRef, via, MeetingRepository.odt(at)}))
        .mapEmpty();
  }
}
