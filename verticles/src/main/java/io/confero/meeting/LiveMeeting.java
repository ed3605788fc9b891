package io.confero.meeting;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A meeting's live state, held in the cluster and partitioned by meeting id. Immutable: a mutation
 * returns a new instance with a larger {@link #epoch}.
 *
 * @param multiShare whether several participants may share their screen at once (a host control)
 * @param sharers who publishes a screen share now (see {@link ShareMutations})
 * @param spotlight whom a host spotlights for everyone (big in every gallery), null for nobody
 */
public record LiveMeeting(MeetingId id, MeetingSettings settings, long epoch, boolean locked,
    boolean ended, Map<ParticipantId, LiveParticipant> participants, boolean multiShare,
    Set<ParticipantId> sharers, ParticipantId spotlight) implements Serializable {

  /** A state with nobody spotlighted. */
  public LiveMeeting(MeetingId id, MeetingSettings settings, long epoch, boolean locked, boolean ended,
      Map<ParticipantId, LiveParticipant> participants, boolean multiShare, Set<ParticipantId> sharers) {
    this(id, settings, epoch, locked, ended, participants, multiShare, sharers, null);
  }

  public LiveMeeting {
    participants = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(participants));
    sharers = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(sharers));
  }

  public static LiveMeeting open(MeetingId id, MeetingSettings settings) {
    return new LiveMeeting(id, settings, 0, false, false, Map.of(), false, Set.of());
  }

  public Optional<LiveParticipant> participant(ParticipantId pid) {
    return Optional.ofNullable(participants.get(pid));
  }

  /**
   * How long an issued seat is held for its holder to connect: after that, a seat nobody connected
   * to no longer counts against {@code max_participants} (its holder may still join while there is room).
   */
  public static final long SEAT_CONFIRM_MILLIS = 30_000;

  /** Participants counted against {@code max_participants}: invited (holding a token), waiting or joined. */
  public long occupancy() {
    return occupancy(0);
  }

  /** {@link #occupancy()} at {@code now} (clock millis): seats unconfirmed for {@link #SEAT_CONFIRM_MILLIS} don't count. */
  public long occupancy(long now) {
    return participants.values().stream().filter(p -> (p.presence() == LiveParticipant.Presence.INVITED
        && !(now > 0 && p.unconfirmed(now, SEAT_CONFIRM_MILLIS)))
        || p.presence() == LiveParticipant.Presence.WAITING
        || p.presence() == LiveParticipant.Presence.JOINED).count();
  }

  /**
   * The same state with {@code p} seated as given; a spotlight on {@code p} ends when they leave,
   * are removed or become an attendee (a later rejoin does not bring it back).
   */
  public LiveMeeting withParticipant(LiveParticipant p) {
    Map<ParticipantId, LiveParticipant> m = new LinkedHashMap<>(participants);
    m.put(p.id(), p);
    boolean gone = p.presence() == LiveParticipant.Presence.LEFT || p.presence() == LiveParticipant.Presence.REMOVED
        || p.role() == Role.VIEWER;
    ParticipantId spot = gone && p.id().equals(spotlight) ? null : spotlight;
    return new LiveMeeting(id, settings, epoch + 1, locked, ended, m, multiShare, sharers, spot);
  }

  /** The same state without the seats nobody connected to for {@code millis} at {@code now} (same epoch). */
  public LiveMeeting withoutSeatsUnconfirmedFor(long now, long millis) {
    if (now <= 0 || participants.values().stream().noneMatch(p -> p.unconfirmed(now, millis))) {
      return this;
    }
    Map<ParticipantId, LiveParticipant> m = new LinkedHashMap<>(participants);
    m.values().removeIf(p -> p.unconfirmed(now, millis));
    return new LiveMeeting(id, settings, epoch, locked, ended, m, multiShare, sharers, spotlight);
  }

  public LiveMeeting withLocked(boolean l) {
    return new LiveMeeting(id, settings, epoch + 1, l, ended, participants, multiShare, sharers, spotlight);
  }

  public LiveMeeting withSettings(MeetingSettings s) {
    return new LiveMeeting(id, s, epoch + 1, locked, ended, participants, multiShare, sharers, spotlight);
  }

  public LiveMeeting withMultiShare(boolean allowed) {
    return new LiveMeeting(id, settings, epoch + 1, locked, ended, participants, allowed, sharers, spotlight);
  }

  /** The same state with {@code p} added to ({@code sharing}) or removed from the sharers. */
  public LiveMeeting withSharing(ParticipantId p, boolean sharing) {
    Set<ParticipantId> s = new LinkedHashSet<>(sharers);
    if (sharing) {
      s.add(p);
    } else {
      s.remove(p);
    }
    return new LiveMeeting(id, settings, epoch + 1, locked, ended, participants, multiShare, s, spotlight);
  }

  /** The same state with {@code p} spotlighted for everyone (null: nobody). */
  public LiveMeeting withSpotlight(ParticipantId p) {
    return new LiveMeeting(id, settings, epoch + 1, locked, ended, participants, multiShare, sharers, p);
  }

  /** The same state one epoch later (a mutation that must be logged but changed nothing). */
  public LiveMeeting touched() {
    return new LiveMeeting(id, settings, epoch + 1, locked, ended, participants, multiShare, sharers, spotlight);
  }

  public LiveMeeting endedNow() {
    return new LiveMeeting(id, settings, epoch + 1, locked, true, participants, multiShare, sharers, spotlight);
  }
}
