package io.confero.meeting;

import static io.confero.meeting.MeetingMutations.ENDED;
import static io.confero.meeting.MeetingMutations.FORBIDDEN;
import static io.confero.meeting.MeetingMutations.NOT_FOUND;
import static io.confero.meeting.MeetingMutations.NO_PARTICIPANT;

import io.confero.meeting.LiveParticipant.Presence;
import io.confero.meeting.MeetingMutation.Outcome;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Host controls, hand raising, reactions and the waiting room. Each mutation checks the acting
 * participant's role in the live state it is applied to, so authorization is atomic with the change:
 * a refused mutation (code {@link MeetingMutations#FORBIDDEN}) changes nothing.
 */
public final class HostMutations {
  private HostMutations() {}

  /** The reactions a participant may send (short-lived, broadcast, never stored). */
  public static final Set<String> REACTIONS = Set.of("👍", "👏", "❤️", "😂", "😮", "🎉", "🤔", "👎");

  /** Checks the actor is joined and a host ({@code hostOnly}) or a host/co-host; null when allowed. */
  public static Outcome authorize(LiveMeeting m, ParticipantId actor, boolean hostOnly) {
    if (m == null) {
      return Outcome.rejected(null, NOT_FOUND);
    }
    if (m.ended()) {
      return Outcome.rejected(m, ENDED);
    }
    LiveParticipant a = m.participant(actor).orElse(null);
    boolean allowed = a != null && a.presence() == Presence.JOINED
        && (hostOnly ? a.role() == Role.HOST : a.role().canModerate());
    return allowed ? null : Outcome.rejected(m, FORBIDDEN);
  }

  /**
   * The preamble of every moderator action aimed at another participant: the actor must be allowed
   * ({@link #authorize}), the target must be in one of {@code presences} (and not the actor, when
   * {@code notSelf}); otherwise the refusal, else what {@code then} makes of the target.
   */
  private static Outcome onTarget(LiveMeeting m, ParticipantId actor, boolean hostOnly, ParticipantId target,
      boolean notSelf, Set<Presence> presences, Function<LiveParticipant, Outcome> then) {
    Outcome refused = authorize(m, actor, hostOnly);
    if (refused != null) {
      return refused;
    }
    LiveParticipant t = m.participant(target).orElse(null);
    if (t == null || !presences.contains(t.presence()) || (notSelf && target.equals(actor))) {
      return Outcome.rejected(m, NO_PARTICIPANT);
    }
    return then.apply(t);
  }

  private static LiveParticipant find(LiveMeeting m, ParticipantId target, Presence... presences) {
    LiveParticipant t = m.participant(target).orElse(null);
    return t != null && Set.of(presences).contains(t.presence()) ? t : null;
  }

  private static Map<String, Object> payload(ParticipantId actor, Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("by", actor.value());
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  /** A host or co-host turns off one participant's audio or video (they may turn it back on themselves). */
  public record MuteParticipant(ParticipantId actor, ParticipantId target, String kind) implements MeetingMutation {
    @Override
    public Outcome apply(MeetingId id, LiveMeeting current) {
      return onTarget(current, actor, false, target, false, EnumSet.of(Presence.JOINED), t -> {
        boolean audio = kind.equals("audio");
        LiveParticipant muted = t.withMutes(audio || t.audioMuted(), !audio || t.videoMuted());
        return Outcome.accepted(current.withParticipant(muted), "participant.muted_by_host",
            payload(actor, "participant_id", target.value(), "kind", kind));
      });
    }
  }

  /** A host or co-host mutes the audio of every joined participant who is not a host or co-host. */
  public record MuteAll(ParticipantId actor) implements MeetingMutation {
    @Override
    public Outcome apply(MeetingId id, LiveMeeting current) {
      Outcome refused = authorize(current, actor, false);
      if (refused != null) {
        return refused;
      }
      LiveMeeting m = current;
      for (LiveParticipant p : current.participants().values()) {
        if (p.presence() == Presence.JOINED && !p.role().canModerate() && !p.id().equals(actor)) {
          m = m.withParticipant(p.withMutes(true, p.videoMuted()));
        }
      }
      return Outcome.accepted(m.epoch() == current.epoch() ? m.touched() : m,
          "meeting.muted_all", payload(actor));
    }
  }

  /** Removes a participant for good: they are disconnected and refused when they try again. */
  public record Remove(ParticipantId actor, ParticipantId target) implements MeetingMutation {
    @Override
    public Outcome apply(MeetingId id, LiveMeeting current) {
      return onTarget(current, actor, false, target, true,
          EnumSet.of(Presence.INVITED, Presence.WAITING, Presence.JOINED, Presence.LEFT), t -> t.role() == Role.HOST
              ? Outcome.rejected(current, FORBIDDEN)
              : Outcome.accepted(current.withParticipant(t.with(Presence.REMOVED).withHand(0)), "participant.removed",
                  payload(actor, "participant_id", target.value())));
    }
  }

  /** Locks or unlocks the meeting: while locked, new REST joins (but hosts and co-hosts) are refused. */
  public record SetLocked(ParticipantId actor, boolean locked) implements MeetingMutation {
    @Override
    public Outcome apply(MeetingId id, LiveMeeting current) {
      Outcome refused = authorize(current, actor, false);
      if (refused != null) {
        return refused;
      }
      return Outcome.accepted(current.withLocked(locked), locked ? "meeting.locked" : "meeting.unlocked",
          payload(actor));
    }
  }

  /**
   * The host makes a participant co-host ({@link Role#COHOST}) or takes it back ({@link Role#PARTICIPANT}),
   * promotes a viewer (a webinar attendee) to participant (a panelist) or demotes one to {@link Role#VIEWER}.
   */
  public record SetRole(ParticipantId actor, ParticipantId target, Role role) implements MeetingMutation {
    @Override
    public Outcome apply(MeetingId id, LiveMeeting current) {
      return onTarget(current, actor, true, target, true, EnumSet.of(Presence.INVITED, Presence.JOINED, Presence.LEFT),
          t -> role == Role.HOST ? Outcome.rejected(current, NO_PARTICIPANT)
              : Outcome.accepted(current.withParticipant(promoted(t, role)), "participant.role_changed",
                  payload(actor, "participant_id", target.value(), "role", role.wire())));
    }
  }

  /** {@code t} in {@code role}; an attendee brought on stage has had its answer: its hand goes down. */
  private static LiveParticipant promoted(LiveParticipant t, Role role) {
    return t.role() == Role.VIEWER && role != Role.VIEWER ? t.withRole(role).withHand(0) : t.withRole(role);
  }

  /** The host hands the host role to a joined participant and becomes a co-host. */
  public record TransferHost(ParticipantId actor, ParticipantId target) implements MeetingMutation {
    @Override
    public Outcome apply(MeetingId id, LiveMeeting current) {
      return onTarget(current, actor, true, target, true, EnumSet.of(Presence.JOINED), t -> {
        LiveParticipant a = current.participants().get(actor);
        return Outcome.accepted(current.withParticipant(t.withRole(Role.HOST)).withParticipant(a.withRole(Role.COHOST)),
            "meeting.host_transferred", payload(actor, "participant_id", target.value()));
      });
    }
  }

  /** The host ends the meeting for everyone. */
  public record EndForAll(ParticipantId actor) implements MeetingMutation {
    @Override
    public Outcome apply(MeetingId id, LiveMeeting current) {
      Outcome refused = authorize(current, actor, true);
      if (refused != null) {
        return refused;
      }
      return Outcome.accepted(current.endedNow(), "meeting.ended", Map.of("by", "participant:" + actor.value()));
    }
  }

  /**
   * Raises or lowers a hand. A participant raises or lowers their own; a host or co-host may lower
   * anyone's. {@code at} orders the raised hands (earliest first).
   */
  public record SetHand(ParticipantId actor, ParticipantId target, boolean raised, long at) implements MeetingMutation {
    @Override
    public Outcome apply(MeetingId id, LiveMeeting current) {
      boolean self = actor.equals(target);
      Outcome refused = self ? joinedOnly(current, actor) : authorize(current, actor, false);
      if (refused != null) {
        return refused;
      }
      if (!self && raised) {
        return Outcome.rejected(current, FORBIDDEN);
      }
      LiveParticipant t = find(current, target, Presence.JOINED);
      if (t == null) {
        return Outcome.rejected(current, NO_PARTICIPANT);
      }
      long stamp = raised ? (t.handRaisedAt() > 0 ? t.handRaisedAt() : Math.max(1, at)) : 0;
      return Outcome.accepted(current.withParticipant(t.withHand(stamp)), raised ? "hand.raised" : "hand.lowered",
          payload(actor, "participant_id", target.value()));
    }
  }

  /** A reaction: allowed for joined participants and whitelisted emoji; changes no state and is not logged. */
  public record React(ParticipantId actor, String emoji) implements MeetingMutation {
    @Override
    public Outcome apply(MeetingId id, LiveMeeting current) {
      Outcome refused = joinedOnly(current, actor);
      if (refused != null) {
        return refused;
      }
      if (!REACTIONS.contains(emoji)) {
        return Outcome.rejected(current, "reaction-not-allowed");
      }
      return Outcome.accepted(current, null, Map.of());
    }
  }

  /** Admits one waiting participant ({@code admit}) or refuses them for good ({@code !admit}). */
  public record Admit(ParticipantId actor, ParticipantId target, boolean admit) implements MeetingMutation {
    @Override
    public Outcome apply(MeetingId id, LiveMeeting current) {
      return onTarget(current, actor, false, target, false, EnumSet.of(Presence.WAITING), t ->
          Outcome.accepted(current.withParticipant(t.with(admit ? Presence.JOINED : Presence.REMOVED)),
              admit ? "participant.admitted" : "participant.denied", payload(actor, "participant_id", target.value())));
    }
  }

  /** Admits every waiting participant. */
  public record AdmitAll(ParticipantId actor) implements MeetingMutation {
    @Override
    public Outcome apply(MeetingId id, LiveMeeting current) {
      Outcome refused = authorize(current, actor, false);
      if (refused != null) {
        return refused;
      }
      LiveMeeting m = current;
      for (LiveParticipant p : current.participants().values()) {
        if (p.presence() == Presence.WAITING) {
          m = m.withParticipant(p.with(Presence.JOINED));
        }
      }
      return Outcome.accepted(m.epoch() == current.epoch() ? m.touched() : m, "participant.admitted_all", payload(actor));
    }
  }

  private static Outcome joinedOnly(LiveMeeting m, ParticipantId actor) {
    if (m == null) {
      return Outcome.rejected(null, NOT_FOUND);
    }
    if (m.ended()) {
      return Outcome.rejected(m, ENDED);
    }
    LiveParticipant a = m.participant(actor).orElse(null);
    return a != null && a.presence() == Presence.JOINED ? null : Outcome.rejected(m, FORBIDDEN);
  }
}
