package io.confero.api;

import io.confero.meeting.Meeting;
import io.confero.meeting.MeetingDirectory;
import io.confero.meeting.MeetingId;
import io.confero.meeting.MeetingMutation;
import io.confero.meeting.MeetingMutations;
import io.confero.meeting.MeetingSettings;
import io.confero.meeting.ParticipantId;
import io.confero.meeting.Role;
import io.confero.meeting.TenantId;
import io.confero.store.EventLogRepository;
import io.confero.store.MeetingQuery;
import io.confero.store.MeetingRepository;
import io.confero.store.ParticipantRepository;
import io.confero.store.Tokens;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The meeting lifecycle as the control plane sees it: durable rows in PostgreSQL, live state in
 * the {@link MeetingDirectory}, and the meeting event log.
 */
public final class MeetingService {
  private final MeetingRepository meetings;
  private final ParticipantRepository participants;
  private final EventLogRepository events;
  private final MeetingDirectory directory;
  private final SecureRandom random;
  private final Clock clock;
  private final java.util.function.BiConsumer<MeetingId, String> onEnded;

  /** {@code onEnded} tells the signaling plane (over the event bus) to disconnect everyone. */
  public MeetingService(MeetingRepository meetings, ParticipantRepository participants, EventLogRepository events,
      MeetingDirectory directory, SecureRandom random, Clock clock,
      java.util.function.BiConsumer<MeetingId, String> onEnded) {
    this.onEnded = onEnded;
    this.meetings = meetings;
    this.participants = participants;
    this.events = events;
    this.directory = directory;
    this.random = random;
    this.clock = clock;
  }

  /** Now, at the database's precision (microseconds), so a response equals what a later read returns. */
  public Instant now() {
    return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
  }

  public Future<Meeting> create(TenantId tenant, MeetingJson.Create c) {
    return create(tenant, c, null);
  }

  /** Creates a meeting whose host key hashes to {@code hostKeyHash} (SHA-256; null: no host key). */
  public Future<Meeting> create(TenantId tenant, MeetingJson.Create c, byte[] hostKeyHash) {
    Instant now = now();
    Meeting m = new Meeting(MeetingId.random(), tenant, Tokens.joinCode(random), c.title(), c.type(),
        Meeting.Status.SCHEDULED, c.startTime(), c.durationMinutes(), c.settings(), now, now, null);
    return meetings.insert(m, hostKeyHash).recover(e -> {
      if (e instanceof PgException pg && "23505".equals(pg.getSqlState())) {
        return create(tenant, c, hostKeyHash);
      }
      return Future.failedFuture(e);
    });
  }

  /** A meeting created with a host key, and the key in clear (returned once, never stored). */
  public record HostedMeeting(Meeting meeting, String hostKey) {
    @Override
    public String toString() {
      return "HostedMeeting[meeting=" + meeting.id() + ", hostKey=***]";
    }
  }

  /** Creates a meeting with a fresh host key; only the key's SHA-256 is stored with it. */
  public Future<HostedMeeting> createWithHostKey(TenantId tenant, MeetingJson.Create c) {
    String key = HostKey.generate(random);
    return create(tenant, c, HostKey.hash(key)).map(m -> new HostedMeeting(m, key));
  }

  /** The SHA-256 of the meeting's host key, when it was created with one (from the home page). */
  public Future<java.util.Optional<byte[]>> hostKeyHash(MeetingId id) {
    return meetings.hostKeyHash(id);
  }

  public Future<Meeting> get(TenantId tenant, MeetingId id) {
    return meetings.find(tenant, id).map(o -> o.orElseThrow(() -> ApiException.notFound("meeting")));
  }

  public Future<Meeting> byCode(String code) {
    return meetings.findByCode(code).map(o -> o.orElseThrow(() -> ApiException.notFound("meeting")));
  }

  public Future<List<Meeting>> list(TenantId tenant, MeetingQuery q) {
    return meetings.list(tenant, q);
  }

  public Future<Meeting> update(TenantId tenant, MeetingId id, MeetingJson.Patch p) {
    return get(tenant, id).compose(m -> {
      if (m.status() == Meeting.Status.ENDED) {
        return Future.failedFuture(new ApiException(409, "meeting-ended", "an ended meeting cannot be changed"));
      }
      MeetingSettings settings = MeetingJson.settings(p.settings(), m.settings());
      Meeting changed = new Meeting(m.id(), m.tenant(), m.joinCode(), p.title() != null ? p.title() : m.title(),
          m.type(), m.status(), p.startTime() != null ? p.startTime() : m.startTime(),
          p.durationMinutes() != null ? p.durationMinutes() : m.durationMinutes(), settings, m.createdAt(),
          now(), null);
      return meetings.update(changed).map(o -> o.orElseThrow(() -> ApiException.notFound("meeting")))
          .compose(saved -> directory.apply(id, new MeetingMutations.UpdateSettings(settings)).map(saved));
    });
  }

  public Future<Meeting> end(TenantId tenant, MeetingId id, String by) {
    return get(tenant, id).compose(m -> {
      if (m.status() == Meeting.Status.ENDED) {
        return Future.failedFuture(new ApiException(409, "meeting-ended", "the meeting has already ended"));
      }
      Instant now = now();
      Meeting ended = new Meeting(m.id(), m.tenant(), m.joinCode(), m.title(), m.type(), Meeting.Status.ENDED,
          m.startTime(), m.durationMinutes(), m.settings(), m.createdAt(), now, now);
      return meetings.end(ended, by).map(o -> o.orElseThrow(() -> ApiException.notFound("meeting")))
          .compose(saved -> directory.apply(id, new MeetingMutations.End(by)).compose(out -> logEvent(id, out))
              .map(saved))
          .onSuccess(x -> onEnded.accept(id, "ended"));
    });
  }

  public Future<Void> delete(TenantId tenant, MeetingId id) {
    return meetings.delete(tenant, id, now()).compose(found -> {
      if (!found) {
        return Future.failedFuture(ApiException.notFound("meeting"));
      }
      onEnded.accept(id, "deleted");
      return directory.apply(id, new MeetingMutations.End("deleted"))
          .compose(out -> directory.remove(id));
    });
  }

  /** A seat in a meeting: what the join endpoints hand back (with a token minted by the caller). */
  public record Seat(Meeting meeting, ParticipantId participant, String displayName, Role role) {}

  /** Registers a participant in the live meeting; refused when ended, locked or full. */
  public Future<Seat> join(Meeting m, String displayName, Role role, String userRef, String via) {
    return join(m, displayName, role, userRef, via, null);
  }

  /**
   * {@link #join} for a seat known by the integrator's {@code userRef} or, for a join link, by the
   * {@code browser} cookie: a removal holds for that user or browser (only a hash of it is kept).
   */
  public Future<Seat> join(Meeting m, String displayName, Role role, String userRef, String via, String browser) {
    if (m.status() == Meeting.Status.ENDED) {
      return Future.failedFuture(new ApiException(409, "meeting-ended", "the meeting has ended"));
    }
    ParticipantId pid = ParticipantId.random();
    String identity = userRef != null ? "user:" + userRef : browser != null ? "browser:" + HostKey.hex(browser) : null;
    return directory.apply(m.id(), new MeetingMutations.Register(m.settings(), pid, displayName, role, identity,
        clock.millis()))
        .compose(out -> {
          if (!out.accepted()) {
            return Future.failedFuture(joinRefusal(out.errorCode()));
          }
          return participants.insert(m.id(), pid, displayName, role, userRef, via, now())
              .compose(x -> logEvent(m.id(), out))
              .map(x -> new Seat(m, pid, displayName, role));
        });
  }

  private Future<Void> logEvent(MeetingId id, MeetingMutation.Outcome out) {
    if (!out.accepted() || out.eventType() == null) {
      return Future.succeededFuture();
    }
    return events.append(id, out.state(), out.eventType(), out.eventPayload());
  }

  private static ApiException joinRefusal(String code) {
    return switch (code) {
      case MeetingMutations.LOCKED -> new ApiException(403, "meeting-locked", "the meeting is locked by its host");
      case MeetingMutations.REMOVED -> new ApiException(403, "participant-removed",
          "this user was removed from the meeting by its host");
      case MeetingMutations.FULL -> new ApiException(409, "meeting-full", "the meeting has reached max_participants");
      case MeetingMutations.ENDED -> new ApiException(409, "meeting-ended", "the meeting has ended");
      default -> new ApiException(409, code, "cannot join: " + code);
    };
  }

  static JsonObject seatJson(Seat s) {
    return new JsonObject().put("participant_id", s.participant().value()).put("meeting_id", s.meeting().id().value())
        .put("display_name", s.displayName()).put("role", s.role().wire());
  }
}
