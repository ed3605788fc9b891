package io.confero.store;

import io.confero.meeting.Meeting;
import io.confero.meeting.MeetingId;
import io.confero.meeting.MeetingSettings;
import io.confero.meeting.VideoCodec;
import io.confero.meeting.TenantId;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Meetings in PostgreSQL. Every query is scoped to a tenant, so other tenants' meetings are invisible. */
public final class MeetingRepository {
  private static final String COLUMNS = "meeting_id, tenant_id, join_code, title, type, status, start_time,"
      + " duration_minutes, settings, created_at, updated_at, ended_at";

  private final Pool pool;

  public MeetingRepository(Pool pool) {
    this.pool = pool;
  }

  /** Inserts the meeting and its {@code meeting.created} outbox event in one transaction. */
  public Future<Meeting> insert(Meeting m) {
    return insert(m, null);
  }

  /**
   * Inserts the meeting with the SHA-256 of its host key (null: none) and its
   * {@code meeting.created} outbox event in one transaction.
   */
  public Future<Meeting> insert(Meeting m, byte[] hostKeyHash) {
    return pool.withTransaction(tx -> insert(tx, m, hostKeyHash)
        .compose(x -> Outbox.record(tx, Outbox.Event.of("meeting.created", m.id(), m.createdAt(), eventPayload(m))))
        .map(m));
  }

  private Future<Meeting> insert(SqlClient tx, Meeting m, byte[] hostKeyHash) {
    return tx.preparedQuery("INSERT INTO meetings (" + COLUMNS + ", host_key_hash)"
            + " VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)")
        .execute(Tuple.from(new Object[] {m.id().uuid(), m.tenant().value(), m.joinCode(), m.title(),
            lower(m.type()), lower(m.status()), odt(m.startTime()), m.durationMinutes(),
            settingsJson(m.settings()), odt(m.createdAt()), odt(m.updatedAt()), odt(m.endedAt()),
            hostKeyHash == null ? null : Buffer.buffer(hostKeyHash)}))
        .map(r -> m);
  }

  /** The SHA-256 of the meeting's host key; empty when it has none (created through the API). */
  public Future<Optional<byte[]>> hostKeyHash(MeetingId id) {
    return pool.preparedQuery("SELECT host_key_hash FROM meetings WHERE meeting_id = $1")
        .execute(Tuple.of(id.uuid())).map(rows -> {
          var it = rows.iterator();
          Buffer b = it.hasNext() ? it.next().getBuffer("host_key_hash") : null;
          return b == null ? Optional.<byte[]>empty() : Optional.of(b.getBytes());
        });
  }

  public Future<Optional<Meeting>> find(TenantId tenant, MeetingId id) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM meetings WHERE meeting_id = $1 AND tenant_id = $2")
        .execute(Tuple.of(id.uuid(), tenant.value())).map(MeetingRepository::first);
  }

  /** Finds by join code regardless of tenant: the code itself is the capability of a join link. */
  public Future<Optional<Meeting>> findByCode(String code) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM meetings WHERE join_code = $1")
        .execute(Tuple.of(code)).map(MeetingRepository::first);
  }

  /** Finds by id regardless of tenant (signaling, holding a session token signed for this meeting). */
  public Future<Optional<Meeting>> findById(MeetingId id) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM meetings WHERE meeting_id = $1")
        .execute(Tuple.of(id.uuid())).map(MeetingRepository::first);
  }

  /** A page of meetings, newest first, after the cursor position (created_at, id) when given. */
  public Future<List<Meeting>> list(TenantId tenant, MeetingQuery q) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM meetings WHERE tenant_id = $1");
    List<Object> args = new ArrayList<>();
    args.add(tenant.value());
    if (q.status() != null) {
      args.add(lower(q.status()));
      sql.append(" AND status = $").append(args.size());
    }
    if (q.from() != null) {
      args.add(odt(q.from()));
      sql.append(" AND start_time >= $").append(args.size());
    }
    if (q.to() != null) {
      args.add(odt(q.to()));
      sql.append(" AND start_time < $").append(args.size());
    }
    if (q.afterCreatedAt() != null) {
      args.add(odt(q.afterCreatedAt()));
      args.add(q.afterId().uuid());
      sql.append(" AND (created_at, meeting_id) < ($").append(args.size() - 1).append(", $")
          .append(args.size()).append(")");
    }
    args.add(q.limit() + 1);
    sql.append(" ORDER BY created_at DESC, meeting_id DESC LIMIT $").append(args.size());
    return pool.preparedQuery(sql.toString()).execute(Tuple.from(args)).map(rows -> {
      List<Meeting> out = new ArrayList<>();
      rows.forEach(r -> out.add(map(r)));
      return out;
    });
  }

  public Future<Optional<Meeting>> update(Meeting m) {
    return update(pool, m);
  }

  /** Saves an ended meeting and its {@code meeting.ended} outbox event in one transaction. */
  public Future<Optional<Meeting>> end(Meeting m, String by) {
    return pool.withTransaction(tx -> update(tx, m).compose(o -> o.isEmpty() ? Future.succeededFuture(o)
        : Outbox.record(tx, Outbox.Event.of("meeting.ended", m.id(), m.updatedAt(),
            eventPayload(o.get()).put("by", by))).map(o)));
  }

  private Future<Optional<Meeting>> update(SqlClient client, Meeting m) {
    return client.preparedQuery("UPDATE meetings SET title=$3, status=$4, start_time=$5, duration_minutes=$6,"
            + " settings=$7, updated_at=$8, ended_at=$9 WHERE meeting_id=$1 AND tenant_id=$2 RETURNING " + COLUMNS)
        .execute(Tuple.from(new Object[] {m.id().uuid(), m.tenant().value(), m.title(), lower(m.status()),
            odt(m.startTime()), m.durationMinutes(), settingsJson(m.settings()), odt(m.updatedAt()),
            odt(m.endedAt())}))
        .map(MeetingRepository::first);
  }

  /** Marks the meeting live if it is still scheduled; true when this call changed it. */
  public Future<Boolean> markLive(MeetingId id, Instant now) {
    return pool.withTransaction(tx -> tx.preparedQuery("UPDATE meetings SET status='live', updated_at=$2"
            + " WHERE meeting_id=$1 AND status='scheduled' RETURNING " + COLUMNS)
        .execute(Tuple.of(id.uuid(), odt(now))).map(MeetingRepository::first).compose(o -> o.isEmpty()
            ? Future.succeededFuture(false)
            : Outbox.record(tx, Outbox.Event.of("meeting.started", id, now, eventPayload(o.get()))).map(true)));
  }

  /** The meeting as webhook and analytics events carry it. */
  public static JsonObject eventPayload(Meeting m) {
    return new JsonObject().put("meeting_id", m.id().value()).put("title", m.title())
        .put("type", lower(m.type())).put("status", lower(m.status()))
        .put("start_time", m.startTime() == null ? null : m.startTime().toString())
        .put("duration_minutes", m.durationMinutes())
        .put("ended_at", m.endedAt() == null ? null : m.endedAt().toString());
  }

  /**
   * Deletes the meeting; a live one ends with it: its {@code meeting.ended} outbox event (by
   * {@code deleted}, at {@code now}) is written in the same transaction, before the row goes.
   */
  public Future<Boolean> delete(TenantId tenant, MeetingId id, Instant now) {
    return pool.withTransaction(tx -> tx.preparedQuery("SELECT " + COLUMNS
            + " FROM meetings WHERE meeting_id=$1 AND tenant_id=$2 FOR UPDATE")
        .execute(Tuple.of(id.uuid(), tenant.value())).map(MeetingRepository::first).compose(found -> {
          if (found.isEmpty()) {
            return Future.succeededFuture(false);
          }
          Meeting m = found.get();
          Future<Void> ended = m.status() != Meeting.Status.LIVE ? Future.succeededFuture()
              : Outbox.record(tx, Outbox.Event.of("meeting.ended", id, now, eventPayload(new Meeting(m.id(), m.tenant(),
                  m.joinCode(), m.title(), m.type(), Meeting.Status.ENDED, m.startTime(), m.durationMinutes(),
                  m.settings(), m.createdAt(), now, now)).put("by", "deleted")));
          return ended.compose(v -> tx.preparedQuery("DELETE FROM meetings WHERE meeting_id=$1")
              .execute(Tuple.of(id.uuid()))).map(r -> r.rowCount() == 1);
        }));
  }

  private static Optional<Meeting> first(RowSet<Row> rows) {
    var it = rows.iterator();
    return it.hasNext() ? Optional.of(map(it.next())) : Optional.empty();
  }

  static Meeting map(Row r) {
    JsonObject s = (JsonObject) r.getJson("settings");
    MeetingSettings settings = new MeetingSettings(s.getInteger("max_participants"),
        s.getBoolean("waiting_room"), s.getBoolean("mute_on_entry"), s.getBoolean("allow_recording"),
        s.getBoolean("e2ee_enabled")).withWebinar(s.getBoolean("webinar", false), s.getBoolean("attendee_chat", true))
        .withVideoCodec(VideoCodec.fromWire(s.getString("video_codec", "vp8")));
    return new Meeting(new MeetingId(r.getUUID("meeting_id").toString()), new TenantId(r.getString("tenant_id")),
        r.getString("join_code"), r.getString("title"),
        Meeting.Type.valueOf(r.getString("type").toUpperCase(Locale.ROOT)),
        Meeting.Status.valueOf(r.getString("status").toUpperCase(Locale.ROOT)),
        instant(r.getOffsetDateTime("start_time")), r.getInteger("duration_minutes"), settings,
        instant(r.getOffsetDateTime("created_at")), instant(r.getOffsetDateTime("updated_at")),
        instant(r.getOffsetDateTime("ended_at")));
  }

  public static JsonObject settingsJson(MeetingSettings s) {
    return new JsonObject().put("max_participants", s.maxParticipants()).put("waiting_room", s.waitingRoom())
        .put("mute_on_entry", s.muteOnEntry()).put("allow_recording", s.allowRecording())
        .put("e2ee_enabled", s.e2eeEnabled()).put("webinar", s.webinar()).put("attendee_chat", s.attendeeChat())
        .put("video_codec", s.videoCodec().wire());
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  static OffsetDateTime odt(Instant i) {
    return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
  }

  static Instant instant(OffsetDateTime o) {
    return o == null ? null : o.toInstant();
  }
}
