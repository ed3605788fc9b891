package io.confero.store;

import io.confero.meeting.LiveMeeting;
import io.confero.meeting.MeetingId;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The append-only event log of each meeting, keyed by (meeting, epoch). Participant events that
 * webhooks carry are written to the {@link Outbox} in the same transaction, and so is the meeting's
 * live state after the event ({@code meeting_live_state}), from which a restarted node restores it.
 * An epoch that is already logged is a failure, never a silent no-op: epochs only grow, across
 * restarts too (a restored meeting goes on from {@link RestorePoint#epoch}).
 *
 * <p>Group commit per meeting: while one transaction of a meeting is in flight, the appends that
 * arrive for it queue up and go together in the next one (the events and their outbox rows, and
 * the live state once, at the highest epoch). Each caller's future still completes only after its
 * event is committed. A busy meeting (a crowd joining) thus needs a handful of commits and live
 * state encodings instead of one per event, all fighting for the same {@code meeting_live_state}
 * row. If a batch fails, its events are retried one by one, so one bad event (an epoch already
 * logged) fails alone.
 */
public final class EventLogRepository {
  /** Log types mirrored into the outbox here (meeting lifecycle events are written by {@link MeetingRepository}). */
  static final Set<String> OUTBOX_TYPES = Set.of("participant.joined", "participant.left",
      "participant.admitted", "participant.removed");

  private static final String SNAPSHOT = "INSERT INTO meeting_live_state (meeting_id, epoch, state, updated_at)"
      + " VALUES ($1,$2,$3,now()) ON CONFLICT (meeting_id) DO UPDATE SET epoch = EXCLUDED.epoch,"
      + " state = EXCLUDED.state, updated_at = EXCLUDED.updated_at WHERE meeting_live_state.epoch < EXCLUDED.epoch";

  /** Most events one transaction carries. */
  static final int MAX_BATCH = 256;

  private final Pool pool;
  private final Clock clock;
  /** Meetings with a transaction in flight, and what waits for the next one (guarded by itself). */
  private final Map<MeetingId, ArrayDeque<Pending>> queues = new HashMap<>();

  private record Pending(MeetingId meeting, LiveMeeting state, String type, JsonObject body, Promise<Void> done) {
  }

  public EventLogRepository(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  /** Appends the event that produced {@code state} (at its epoch) and stores that state. */
  public Future<Void> append(MeetingId meeting, LiveMeeting state, String type, Map<String, Object> payload) {
    Pending p = new Pending(meeting, state, type, new JsonObject(payload), Promise.promise());
    boolean idle;
    synchronized (queues) {
      ArrayDeque<Pending> q = queues.get(meeting);
      idle = q == null;
      if (idle) {
        queues.put(meeting, new ArrayDeque<>());
      } else {
        q.add(p);
      }
    }
    if (idle) {
      commit(List.of(p));
    }
    return onCallersContext(p.done().future());
  }

  /**
   * {@code f}, completed on the context of the caller (when it has one): a group commit completes
   * every member's promise on the context that ran the transaction, which may be another verticle's
   * event loop (a REST join's append committing a signaling mutation's event too); continuing there
   * raced the signaling verticle's single-threaded rooms (GalleryE2ETest's join storm of 49 hit a
   * ConcurrentModificationException in Rooms.broadcast).
   */
  private static <T> Future<T> onCallersContext(Future<T> f) {
    io.vertx.core.Context caller = io.vertx.core.Vertx.currentContext();
    if (caller == null) {
      return f;
    }
    Promise<T> back = Promise.promise();
    f.onComplete(ar -> {
      if (io.vertx.core.Vertx.currentContext() == caller) {
        back.handle(ar);
      } else {
        caller.runOnContext(x -> back.handle(ar));
      }
    });
    return back.future();
  }

  /** Writes {@code batch}, completes it, then starts the meeting's next batch (or marks it idle). */
  private void commit(List<Pending> batch) {
    MeetingId meeting = batch.get(0).meeting();
    write(batch).recover(e -> batch.size() == 1 ? Future.failedFuture(e) : oneByOne(batch)).onComplete(r -> {
      if (batch.size() == 1) {
        batch.get(0).done().handle(r);
      }
      List<Pending> next;
      synchronized (queues) {
        ArrayDeque<Pending> q = queues.get(meeting);
        next = new ArrayList<>(Math.min(q.size(), MAX_BATCH));
        while (!q.isEmpty() && next.size() < MAX_BATCH) {
          next.add(q.poll());
        }
        if (next.isEmpty()) {
          queues.remove(meeting);
        }
      }
      if (!next.isEmpty()) {
        commit(next);
      }
    });
  }

  /** One transaction for the batch; completes every member's future when it commits (not when it fails). */
  private Future<Void> write(List<Pending> batch) {
    MeetingId meeting = batch.get(0).meeting();
    List<Tuple> events = new ArrayList<>(batch.size());
    batch.forEach(p -> events.add(Tuple.of(meeting.uuid(), p.state().epoch(), p.type(), p.body())));
    LiveMeeting latest = batch.stream().map(Pending::state).max(Comparator.comparingLong(LiveMeeting::epoch)).get();
    Future<Void> done = pool.withTransaction(tx -> tx.preparedQuery("INSERT INTO meeting_events (meeting_id, epoch,"
            + " type, payload) VALUES ($1,$2,$3,$4)").executeBatch(events)
        .compose(r -> tx.preparedQuery(SNAPSHOT).execute(Tuple.of(meeting.uuid(), latest.epoch(),
            LiveStateCodec.encode(latest))))
        .compose(r -> outbox(tx, batch)));
    if (batch.size() > 1) {
      done = done.onSuccess(x -> batch.forEach(p -> p.done().complete()));
    }
    return done;
  }

  private Future<Void> outbox(SqlClient tx, List<Pending> batch) {
    List<Outbox.Event> events = new ArrayList<>();
    for (Pending p : batch) {
      if (OUTBOX_TYPES.contains(p.type())) {
        events.add(Outbox.Event.of(p.type(), p.meeting(), clock.instant(),
            p.body().copy().put("meeting_id", p.meeting().value()).put("epoch", p.state().epoch())));
      }
    }
    return Outbox.recordAll(tx, events);
  }

  /** A failed batch again, one transaction per event: each caller learns its own outcome. */
  private Future<Void> oneByOne(List<Pending> batch) {
    Future<Void> chain = Future.succeededFuture();
    for (Pending p : batch) {
      chain = chain.eventually(() -> write(List.of(p)).onComplete(p.done()));
    }
    return chain.transform(x -> Future.succeededFuture());
  }

  /** Where a meeting's live state left off: the last stored state (null when none) and the highest logged epoch. */
  public record RestorePoint(JsonObject state, long epoch) {}

  public Future<RestorePoint> restorePoint(MeetingId meeting) {
    return pool.preparedQuery("SELECT (SELECT state FROM meeting_live_state WHERE meeting_id = $1) AS state,"
            + " (SELECT coalesce(max(epoch), 0) FROM meeting_events WHERE meeting_id = $1) AS epoch")
        .execute(Tuple.of(meeting.uuid())).map(rows -> {
          Row r = rows.iterator().next();
          Object state = r.getValue("state");
          return new RestorePoint(state instanceof JsonObject j ? j : null, r.getLong("epoch"));
        });
  }
}
