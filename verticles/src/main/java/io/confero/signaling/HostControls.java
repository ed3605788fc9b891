package io.confero.signaling;

import io.confero.meeting.HostMutations;
import io.confero.meeting.LiveMeeting;
import io.confero.meeting.LiveParticipant;
import io.confero.meeting.Meeting;
import io.confero.meeting.MeetingMutation;
import io.confero.meeting.ParticipantId;
import io.confero.meeting.Role;
import io.confero.meeting.ShareMutations;
import io.confero.meeting.SpotlightMutation;
import io.confero.store.MeetingRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Host and co-host actions (docs/protocol.md, "Host controls"). Every action is a mutation that
 * checks the sender's live role on the partition owner; a refused one answers {@code forbidden}
 * and changes nothing.
 */
final class HostControls {
  /** Tells every node that a meeting ended (the same event REST end publishes). */
  interface Ending {
    void ended(String meetingId, String reason);
  }

  private final LiveState live;
  private final Rooms rooms;
  private final Departures departures;
  private final Publishing publishing;
  private final JoinFlow joins;
  private final MeetingRepository meetings;
  private final Ending ending;
  private final Failures failures;

  HostControls(LiveState live, Rooms rooms, Departures departures, Publishing publishing, JoinFlow joins,
      MeetingRepository meetings, Ending ending, Failures failures) {
    this.live = live;
    this.rooms = rooms;
    this.departures = departures;
    this.publishing = publishing;
    this.joins = joins;
    this.meetings = meetings;
    this.ending = ending;
    this.failures = failures;
  }

  Future<?> handle(Connection conn, String type, JsonObject msg) {
    ParticipantId self = conn.principal.participant();
    return switch (type) {
      case "mute_participant" -> muteOne(conn, Messages.participant(msg, "participant_id"), kind(msg));
      case "mute_all" -> live.mutateOrFail(conn, new HostMutations.MuteAll(self)).map(out -> {
        rooms.connections(conn.meetingId()).forEach(c -> applyHostMute(conn, c, out.state(), "audio"));
        return null;
      });
      case "ask_unmute" -> askUnmute(conn, Messages.participant(msg, "participant_id"));
      case "remove_participant" -> remove(conn, Messages.participant(msg, "participant_id"));
      case "lock" -> live.mutateOrFail(conn, new HostMutations.SetLocked(self, Messages.bool(msg, "locked")))
          .map(out -> meetingUpdated(conn, out.state()));
      case "allow_multi_share" -> live.mutateOrFail(conn, new ShareMutations.AllowMultiShare(self,
          Messages.bool(msg, "allowed"))).map(out -> meetingUpdated(conn, out.state()));
      case "set_role" -> changed(conn, new HostMutations.SetRole(self, Messages.participant(msg, "participant_id"),
          role(msg)));
      case "transfer_host" -> changed(conn, new HostMutations.TransferHost(self,
          Messages.participant(msg, "participant_id")));
      case "end_meeting" -> end(conn);
      case "attendee_chat" -> attendeeChat(conn, Messages.bool(msg, "allowed"));
      case "spotlight" -> live.mutateOrFail(conn, new SpotlightMutation(self, msg.getValue("participant_id") == null
          ? null : Messages.participant(msg, "participant_id"))).map(out -> {
            rooms.broadcast(conn.meetingId(), spotlight(out.state()), null);
            return null;
          });
      case "admit", "deny" -> admit(conn, Messages.participant(msg, "participant_id"), type.equals("admit"));
      default -> live.mutateOrFail(conn, new HostMutations.AdmitAll(self)).map(out -> {
        rooms.connections(conn.meetingId()).stream().filter(c -> c.state == Connection.State.WAITING).forEach(c -> admitted(c, out.state()));
        return null;
      });
    };
  }

  /** {@code spotlight}: whom a moderator shows big to everyone (participant_id null: nobody). */
  static JsonObject spotlight(LiveMeeting state) {
    return new JsonObject().put("type", "spotlight")
        .put("participant_id", state.spotlight() == null ? null : state.spotlight().value());
  }

  /** Tells everyone the meeting-wide switches after a host changed one. */
  private Void meetingUpdated(Connection conn, LiveMeeting state) {
    rooms.broadcast(conn.meetingId(), new JsonObject().put("type", "meeting_updated").put("locked", state.locked())
        .put("allow_multi_share", state.multiShare()).put("attendee_chat", conn.attendeeChat), null);
    return null;
  }

  /**
   * A moderator lets a webinar's attendees chat, or not: the meetings row keeps the setting (joins and
   * restarts read it there) and every connection of the meeting follows it at once.
   */
  private Future<?> attendeeChat(Connection conn, boolean allowed) {
    if (!conn.webinar) {
      throw new SignalingError("bad-message", "'attendee_chat' applies to webinars only");
    }
    return live.get(conn.principal.meeting()).compose(state -> {
      MeetingMutation.Outcome refused = HostMutations.authorize(state, conn.principal.participant(), false);
      if (refused != null) {
        throw LiveState.refusal(refused.errorCode());
      }
      return meetings.findById(conn.principal.meeting()).compose(found -> {
        if (found.isEmpty()) {
          throw LiveState.refusal(io.confero.meeting.MeetingMutations.NOT_FOUND);
        }
        Meeting m = found.get();
        return meetings.update(new Meeting(m.id(), m.tenant(), m.joinCode(), m.title(), m.type(), m.status(),
            m.startTime(), m.durationMinutes(), m.settings().withWebinar(true, allowed), m.createdAt(),
            java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS), m.endedAt()));
      }).map(x -> {
        rooms.connections(conn.meetingId()).forEach(c -> c.attendeeChat = c.webinar && allowed);
        return meetingUpdated(conn, state);
      });
    });
  }

  private static String kind(JsonObject msg) {
    String kind = Messages.str(msg, "kind", 8, true);
    if (!kind.equals("audio") && !kind.equals("video")) {
      throw new SignalingError("bad-message", "'kind' must be audio or video");
    }
    return kind;
  }

  private static Role role(JsonObject msg) {
    String r = Messages.str(msg, "role", 16, true);
    if (!r.equals("cohost") && !r.equals("participant") && !r.equals("viewer")) {
      throw new SignalingError("bad-message", "'role' must be cohost, participant or viewer");
    }
    return Role.parse(r).orElseThrow();
  }

  private Future<?> muteOne(Connection conn, ParticipantId target, String kind) {
    return live.mutateOrFail(conn, new HostMutations.MuteParticipant(conn.principal.participant(), target, kind))
        .map(out -> {
          Connection t = rooms.connection(conn.meetingId(), target.value());
          if (t != null) {
            applyHostMute(conn, t, out.state(), kind);
          }
          return null;
        });
  }

  /** Mutes {@code target}'s {@code kind} in the SFU when the live state says so and it was not yet muted. */
  private void applyHostMute(Connection by, Connection target, LiveMeeting state, String kind) {
    LiveParticipant p = state.participants().get(target.principal.participant());
    if (p == null || !target.active()) {
      return; // one reconnecting picks the mute up from the live state when they are back
    }
    boolean was = kind.equals("audio") ? target.audioMuted : target.videoMuted;
    boolean now = kind.equals("audio") ? p.audioMuted() : p.videoMuted();
    if (was || !now) {
      return;
    }
    target.sync(p);
    target.send(new JsonObject().put("type", "muted_by_host").put("kind", kind).put("by", by.participantId()));
    publishing.applyMute(target, kind, true).onFailure(e -> failures.report(target, e, null));
  }

  private Future<?> askUnmute(Connection conn, ParticipantId target) {
    return live.get(conn.principal.meeting()).map(state -> {
      MeetingMutation.Outcome refused = HostMutations.authorize(state, conn.principal.participant(), false);
      if (refused != null) {
        throw LiveState.refusal(refused.errorCode());
      }
      Connection t = rooms.connection(conn.meetingId(), target.value());
      if (t == null || !t.inMeeting()) {
        throw LiveState.refusal(io.confero.meeting.MeetingMutations.NO_PARTICIPANT);
      }
      t.send(new JsonObject().put("type", "unmute_requested").put("by", conn.participantId())
          .put("display_name", conn.principal.displayName()));
      return null;
    });
  }

  private Future<?> remove(Connection conn, ParticipantId target) {
    return live.mutateOrFail(conn, new HostMutations.Remove(conn.principal.participant(), target)).map(out -> {
      Connection t = rooms.connection(conn.meetingId(), target.value());
      if (t != null) {
        t.send(new JsonObject().put("type", "removed").put("by", conn.participantId()));
        departures.dismiss(t, (short) 4403, "removed");
      }
      return null;
    });
  }

  /** A role change: the live state is the authority; everyone sees the new roles. */
  private Future<?> changed(Connection conn, MeetingMutation m) {
    return live.mutateOrFail(conn, m).map(out -> {
      for (Connection c : rooms.syncRoles(conn.meetingId(), out.state())) {
        if (c.role == Role.VIEWER) {
          publishing.unpublishAll(c).onFailure(e -> failures.report(c, e, null));
        }
      }
      return null;
    });
  }

  /** Ends the meeting for everyone: live state, the meetings row, then the same event REST end publishes. */
  private Future<?> end(Connection conn) {
    return live.mutateOrFail(conn, new HostMutations.EndForAll(conn.principal.participant()))
        .compose(out -> meetings.findById(conn.principal.meeting()))
        .compose(found -> {
          if (found.isEmpty() || found.get().status() == Meeting.Status.ENDED) {
            return Future.succeededFuture();
          }
          Meeting m = found.get();
          java.time.Instant now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
          return meetings.update(new Meeting(m.id(), m.tenant(), m.joinCode(), m.title(), m.type(),
              Meeting.Status.ENDED, m.startTime(), m.durationMinutes(), m.settings(), m.createdAt(), now, now));
        })
        .onSuccess(x -> ending.ended(conn.meetingId(), "ended_by_host"));
  }

  private Future<?> admit(Connection conn, ParticipantId target, boolean admit) {
    return live.mutateOrFail(conn, new HostMutations.Admit(conn.principal.participant(), target, admit)).map(out -> {
      Connection t = rooms.connection(conn.meetingId(), target.value());
      if (admit) {
        if (t != null && t.state == Connection.State.WAITING) {
          admitted(t, out.state());
        }
      } else {
        rooms.broadcastModerators(conn.meetingId(), new JsonObject().put("type", "knock_resolved")
            .put("participant_id", target.value()).put("outcome", "denied"));
        if (t != null) {
          t.send(new JsonObject().put("type", "denied"));
          departures.dismiss(t, (short) 4403, "denied");
        }
      }
      return null;
    });
  }

  private void admitted(Connection t, LiveMeeting state) {
    rooms.broadcastModerators(t.meetingId(), new JsonObject().put("type", "knock_resolved")
        .put("participant_id", t.participantId()).put("outcome", "admitted"));
    joins.admitted(t, state);
  }
}
