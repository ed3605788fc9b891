package io.confero.signaling;

import io.confero.meeting.LiveMeeting;
import io.confero.meeting.LiveParticipant;
import io.confero.meeting.MeetingDirectory;
import io.confero.meeting.MeetingMutation;
import io.confero.meeting.MeetingMutations;
import io.confero.meeting.ShareMutations;
import io.confero.store.EventLogRepository;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconnect grace for participants of a meeting restored from the database: their sockets died
 * with the node, so nobody holds them on this node. After the grace, whoever has not come back
 * leaves ({@code disconnected}) and gives back a screen-share slot, exactly as a held participant
 * would; one who came back meanwhile is untouched (the mutations refuse).
 */
public final class RestoredHolds implements Consumer<LiveMeeting> {
  private static final Logger LOG = LoggerFactory.getLogger(RestoredHolds.class);

  private final Vertx vertx;
  private final MeetingDirectory live;
  private final EventLogRepository log;
  private final Duration grace;

  /** {@code live}: the cluster's directory (no restoring: the state is back when this runs). */
  public RestoredHolds(Vertx vertx, MeetingDirectory live, EventLogRepository log, Duration grace) {
    this.vertx = vertx;
    this.live = live;
    this.log = log;
    this.grace = grace;
  }

  @Override
  public void accept(LiveMeeting restored) {
    List<LiveParticipant> held = restored.participants().values().stream()
        .filter(p -> p.presence() == LiveParticipant.Presence.JOINED && p.reconnecting()).toList();
    LOG.info("meeting {} restored at epoch {} ({} participants reconnecting)", restored.id().value(),
        restored.epoch(), held.size());
    if (held.isEmpty() || restored.ended()) {
      return;
    }
    vertx.setTimer(Math.max(1, grace.toMillis()), t -> held.forEach(p ->
        apply(restored, new MeetingMutations.ExpireHold(p.id())).compose(expired -> expired
            ? apply(restored, new ShareMutations.StopShare(p.id())) : Future.succeededFuture(false))));
  }

  /** Applies and logs {@code mutation}; true when it was accepted. */
  private Future<Boolean> apply(LiveMeeting m, MeetingMutation mutation) {
    return live.apply(m.id(), mutation).compose(out -> out.accepted() && out.eventType() != null
        ? log.append(m.id(), out.state(), out.eventType(), out.eventPayload()).map(true)
        : Future.succeededFuture(out.accepted()))
        .onFailure(e -> LOG.error("ending the hold of a restored participant of {} failed", m.id().value(), e));
  }
}
