package io.confero.meeting;

import io.confero.meeting.LiveParticipant.Presence;
import io.confero.meeting.MeetingMutation.Outcome;
import java.util.Map;

/** The mutations the control plane applies to live meeting state. */
public final class MeetingMutations {
  private MeetingMutations() {}

  /** Error codes a rejected mutation carries (stable: they reach REST and WebSocket clients). */
  public static final String NOT_FOUND = "meeting-not-live";
  public static final String ENDED = "meeting-ended";
  public static final String LOCKED = "meeting-locked";
  public static final String FULL = "meeting-full";
  public static final String REMOVED = "participant-removed";
  public static final String FORBIDDEN = "forbidden";
  public static final String NO_PARTICIPANT = "participant-not-found";
  public static final String ALREADY_LIVE = "already-live";
  public static final String SEAT_EXPIRED = "seat-expired";

  /**
   * Issues a seat to a new participant (REST join): refused when ended, locked or full, and when the
   * integrator's {@code userRef} (user_id, or the browser of a link guest) belongs to someone removed
   * from this meeting. Hosts and co-hosts are never refused for a full meeting. At {@code now}
   * (clock millis; 0: unknown) seats nobody connected to within {@link LiveMeeting#SEAT_CONFIRM_MILLIS}
   * don't count, and those unconfirmed for {@link #SEAT_FORGET_MILLIS} are forgotten.
   */
  public record Register(MeetingSettings settings, ParticipantId participant, String displayName,
      Role role, String userRef, long now) implements MeetingMutation {
    public Register(MeetingSettings settings, ParticipantId participant, String displayName, Role role) {
      this(settings, participant, displayName, role, null, 0);
    }

    public Register(MeetingSettings settings, ParticipantId participant, String displayName, Role role,
        String userRef) {
      this(settings, participant, displayName, role, userRef, 0);
    }

    @Override
    public Outcome apply(MeetingId id, LiveMeeting current) {
      LiveMeeting m = current != null ? current : LiveMeeting.open(id, settings);
      if (m.ended()) {
        return Outcome.rejected(m, ENDED);
      }
      if (userRef != null && m.participants().values().stream()
          .anyMatch(p -> p.presence() == Presence.REMOVED && userRef.equals(p.userRef()))) {
        return Outcome.rejected(m, REMOVED);
      }
      if (m.locked() && !role.canModerate()) {
        return Outcome.rejected(m, LOCKED);
      }
      if (!role.canModerate() && m.occupancy(now) >= m.settings().maxParticipants()) {
        return Outcome.rejected(m, FULL);
      }
      LiveParticipant p = new LiveParticipant(participant, displayName, role, Presence.INVITED,
          m.settings().muteOnEntry(), false, 0, userRef, false, now);
      return Outcome.accepted(m.withoutSeatsUnconfirmedFor(now, SEAT_FORGET_MILLIS).withParticipant(p),
          "participant.registered",
          Map.of("participant_id", participant.value(), "display_name", displayName, "role", role.wire()));
    }
  }

  /** How long a seat nobody connected to is kept at all (its holder gets {@code seat-expired} after). */
  public static final long SEAT_FORGET_MILLIS = 10 * 60_000;

  /**
   * Puts back a meeting's live state restored from the database (no live state in the cluster, e.g.
   * after a restart of the only node). Only when there is none: a state already back wins, and the
   * outcome carries it (refused with {@link #ALREADY_LIVE}). Nothing to log: the state was logged.
   */
  public record Restore(LiveMeeting state) implements MeetingMutation {
    @Override
    public Outcome apply(MeetingId id, LiveMeeting current) {
      return current != null ? Outcome.rejected(current, ALREADY_LIVE) : Outcome.accepted(state, null, Map.of());
    }
  }

  /** Ends the meeting: everyone is disconnected, nobody may join again. */
  public record End(String by) implements MeetingMutation {
    @Override
    public Outcome apply(MeetingId id, LiveMeeting current) {
      if (current == null) {
        return Outcome.rejected(null, NOT_FOUND);
      }
      if (current.ended()) {
        return Outcome.rejected(current, ENDED);
      }
      return Outcome.accepted(current.endedNow(), "meeting.ended", Map.of("by", by));
    }
  }

  /** Applies changed settings (REST PATCH) to live state when the meeting is live. */
  public record UpdateSettings(MeetingSettings settings) implements MeetingMutation {
    @Override
    public Outcome apply(MeetingId id, LiveMeeting current) {
      if (current == null) {
        return Outcome.rejected(null, NOT_FOUND);
      }
      return Outcome.accepted(current.withSettings(settings), "meeting.updated", Map.of());
    }
  }

  /**
   * A participant holding a seat connects (or reconnects): refused when removed or the meeting ended.
   * One coming back within the reconnect grace is logged as {@code participant.reconnected} (no webhook).
   */
  public record Join(ParticipantId participant, long now) implements MeetingMutation {
    public Join(ParticipantId participant) {
      this(participant, 0);
    }

    @Override
    public Outcome apply(MeetingId id, LiveMeeting current) {
      if (current == null) {
        return Outcome.rejected(null, NOT_FOUND);
      }
      if (current.ended()) {
        return Outcome.rejected(current, ENDED);
      }
      LiveParticipant p = current.participant(participant).orElse(null);
      if (p == null) {
        return Outcome.rejected(current, SEAT_EXPIRED);
      }
      if (p.presence() == Presence.REMOVED) {
        return Outcome.rejected(current, REMOVED);
      }
      if (now > 0 && p.unconfirmed(now, LiveMeeting.SEAT_CONFIRM_MILLIS) && !p.role().canModerate()
          && current.occupancy(now) >= current.settings().maxParticipants()) {
        return Outcome.rejected(current, FULL); // the seat lapsed and others took the room meanwhile
      }
      boolean mustWait = current.settings().waitingRoom() && !p.role().canModerate()
          && (p.presence() == Presence.INVITED || p.presence() == Presence.WAITING);
      if (mustWait) {
        return Outcome.accepted(current.withParticipant(p.with(Presence.WAITING)), "participant.waiting",
            Map.of("participant_id", participant.value()));
      }
      if (p.presence() == Presence.JOINED && p.reconnecting()) {
        return Outcome.accepted(current.withParticipant(p.with(Presence.JOINED)), "participant.reconnected",
            Map.of("participant_id", participant.value()));
      }
      return Outcome.accepted(current.withParticipant(p.with(Presence.JOINED)), "participant.joined",
          Map.of("participant_id", participant.value()));
    }
  }

  /**
   * A joined participant's connection dropped without {@code leave}: they stay joined, marked
   * reconnecting, while the grace period runs. Logged as {@code participant.reconnecting}, which no
   * webhook carries.
   */
  public record Hold(ParticipantId participant) implements MeetingMutation {
    @Override
    public Outcome apply(MeetingId id, LiveMeeting current) {
      LiveParticipant p = current == null ? null : current.participant(participant).orElse(null);
      if (p == null || p.presence() != Presence.JOINED || current.ended()) {
        return Outcome.rejected(current, current == null ? NOT_FOUND : NO_PARTICIPANT);
      }
      return Outcome.accepted(current.withParticipant(p.withReconnecting(true)), "participant.reconnecting",
          Map.of("participant_id", participant.value()));
    }
  }

  /**
   * A held participant is connected again: clears the reconnecting mark. Normally {@link Join}
   * already did; this covers a drop noticed while that join was on its way. Refused (nothing to
   * log) when the participant is not marked.
   */
  public record Resume(ParticipantId participant) implements MeetingMutation {
    @Override
    public Outcome apply(MeetingId id, LiveMeeting current) {
      LiveParticipant p = current == null ? null : current.participant(participant).orElse(null);
      if (p == null || p.presence() != Presence.JOINED || !p.reconnecting()) {
        return Outcome.rejected(current, current == null ? NOT_FOUND : NO_PARTICIPANT);
      }
      return Outcome.accepted(current.withParticipant(p.withReconnecting(false)), "participant.reconnected",
          Map.of("participant_id", participant.value()));
    }
  }

  /**
   * The grace period ran out: a participant still reconnecting leaves ({@code disconnected}).
   * Refused when they came back meanwhile (on any node), were removed, or the meeting ended.
   */
  public record ExpireHold(ParticipantId participant) implements MeetingMutation {
    @Override
    public Outcome apply(MeetingId id, LiveMeeting current) {
      LiveParticipant p = current == null ? null : current.participant(participant).orElse(null);
      if (p == null || p.presence() != Presence.JOINED || !p.reconnecting()) {
        return Outcome.rejected(current, current == null ? NOT_FOUND : NO_PARTICIPANT);
      }
      return HostSuccession.leave(p, current.withParticipant(p.with(Presence.LEFT).withHand(0)),
          Map.of("participant_id", participant.value(), "reason", "disconnected"));
    }
  }

  /** A participant left or was disconnected (one waiting goes back to holding a seat). */
  public record Leave(ParticipantId participant, String reason) implements MeetingMutation {
    @Override
    public Outcome apply(MeetingId id, LiveMeeting current) {
      if (current == null) {
        return Outcome.rejected(null, NOT_FOUND);
      }
      LiveParticipant p = current.participant(participant).orElse(null);
      if (p != null && p.presence() == Presence.WAITING) {
        return Outcome.accepted(current.withParticipant(p.with(Presence.INVITED)), "participant.left",
            Map.of("participant_id", participant.value(), "reason", reason));
      }
      if (p == null || p.presence() != Presence.JOINED) {
        return Outcome.rejected(current, NOT_FOUND);
      }
      return HostSuccession.leave(p, current.withParticipant(p.with(Presence.LEFT).withHand(0)),
          Map.of("participant_id", participant.value(), "reason", reason));
    }
  }

  /** Records a participant's own mute state. */
  public record SetMutes(ParticipantId participant, boolean audioMuted, boolean videoMuted) implements MeetingMutation {
    @Override
    public Outcome apply(MeetingId id, LiveMeeting current) {
      LiveParticipant p = current == null ? null : current.participant(participant).orElse(null);
      if (p == null) {
        return Outcome.rejected(current, NOT_FOUND);
      }
      return Outcome.accepted(current.withParticipant(p.withMutes(audioMuted, videoMuted)), "participant.muted",
          Map.of("participant_id", participant.value(), "audio_muted", audioMuted, "video_muted", videoMuted));
    }
  }
}
