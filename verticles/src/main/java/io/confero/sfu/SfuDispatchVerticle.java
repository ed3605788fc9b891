package io.confero.sfu;

import io.confero.codecs.Addresses;
import io.confero.codecs.sfu.SfuEvent;
import io.confero.codecs.sfu.SfuRequest;
import io.confero.sfu.placement.WorkerLoads;
import io.confero.sfu.placement.WorkerPlacement;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import java.util.OptionalInt;

/**
 * The front of a node's SFU: every command for the node ({@link Addresses#sfuNode}) comes here and
 * goes on to the worker that serves its participant. A participant's first publish or subscribe
 * places it ({@link WorkerPlacement}: small meetings on one worker, newcomers of large ones on the
 * least-loaded worker by forwarded packets per second); it keeps that worker until it leaves or its
 * transport dies. Other commands for a participant not placed are answered here. A recording command goes to the worker with most of the meeting, whose router
 * sees every track (piped ones too). Placement state lives on this verticle's event loop only.
 */
public final class SfuDispatchVerticle extends VerticleBase {
  /** Capturing starts and stops with file I/O on the worker: it may take longer than a media command. */
  private static final long RECORD_TIMEOUT_MILLIS = 120_000;

  private final String nodeId;
  private final WorkerLoads loads;
  private final WorkerPlacement placement;
  private final Counter[] placements;
  private MessageConsumer<SfuRequest> commands;
  private MessageConsumer<SfuEvent> events;

  public SfuDispatchVerticle(String nodeId, WorkerLoads loads, int spreadThreshold, MeterRegistry registry) {
    this.nodeId = nodeId;
    this.loads = loads;
    this.placement = new WorkerPlacement(loads.workers(), spreadThreshold);
    this.placements = new Counter[loads.workers()];
    for (int w = 0; w < placements.length; w++) {
      placements[w] = Counter.builder("confero.sfu.placements").tag("worker", Integer.toString(w))
          .description("Participants the node placed on this SFU worker").register(registry);
    }
  }

  @Override
  public Future<?> start() {
    commands = vertx.eventBus().consumer(Addresses.sfuNode(nodeId), this::onCommand);
    events = vertx.eventBus().consumer(Addresses.sfuEvents(nodeId), this::onEvent);
    return Future.join(commands.completion(), events.completion());
  }

  private void onCommand(Message<SfuRequest> msg) {
    SfuRequest req = msg.body();
    int worker;
    DeliveryOptions options = new DeliveryOptions();
    if (req instanceof SfuRequest.Record) {
      int main = placement.mainWorker(req.meetingId());
      worker = main >= 0 ? main : Math.floorMod(req.meetingId().hashCode(), loads.workers());
      options.setSendTimeout(RECORD_TIMEOUT_MILLIS);
    } else if (req instanceof SfuRequest.Leave l) {
      OptionalInt known = placement.workerOf(l.meetingId(), l.participantId());
      if (known.isEmpty()) {
        msg.reply(new SfuRequest.Ack());
        return;
      }
      worker = known.getAsInt();
      placement.remove(l.meetingId(), l.participantId());
    } else if (req instanceof SfuRequest.Publish || req instanceof SfuRequest.Subscribe) {
      worker = place(req.meetingId(), participantOf(req));
    } else {
      OptionalInt known = placement.workerOf(req.meetingId(), participantOf(req));
      if (known.isEmpty()) {
        answerUnplaced(msg, req);
        return;
      }
      worker = known.getAsInt();
    }
    vertx.eventBus().<Object>request(Addresses.sfuWorker(nodeId, worker), req, options).onComplete(ar -> {
      if (ar.succeeded()) {
        msg.reply(ar.result().body());
      } else if (ar.cause() instanceof ReplyException re) {
        msg.fail(re.failureCode(), re.getMessage());
      } else {
        msg.fail(500, "SFU worker " + worker + " did not answer: " + ar.cause().getMessage());
      }
    });
  }

  /**
   * A command for a participant with no media on this node (it left, or never published or
   * subscribed): no worker holds anything of it, so nothing is placed for it. An answer to an
   * offer nobody made is refused as the worker would refuse it; the rest change nothing.
   */
  private static void answerUnplaced(Message<SfuRequest> msg, SfuRequest req) {
    if (req instanceof SfuRequest.SubscribeAnswer) {
      msg.fail(400, "no subscriber offer is outstanding");
    } else if (req instanceof SfuRequest.Unpublish) {
      msg.reply(new SfuRequest.PublishAnswer("", java.util.List.of(), java.util.List.of())); // nothing was published
    } else {
      msg.reply(new SfuRequest.Ack());
    }
  }

  private int place(String meetingId, String participantId) {
    int before = placement.placed();
    int w = placement.place(meetingId, participantId, loads.packetsPerSecond());
    if (placement.placed() > before) {
      placements[w].increment();
    }
    return w;
  }

  /** A dead transport made the worker drop the participant: it is placed afresh when it comes back. */
  private void onEvent(Message<SfuEvent> msg) {
    if (msg.body() instanceof SfuEvent.TransportDown down) {
      placement.remove(down.meetingId(), down.participantId());
    }
  }

  private static String participantOf(SfuRequest req) {
    if (req instanceof SfuRequest.Publish p) {
      return p.participantId();
    } else if (req instanceof SfuRequest.Subscribe s) {
      return s.participantId();
    } else if (req instanceof SfuRequest.SubscribeAnswer a) {
      return a.participantId();
    } else if (req instanceof SfuRequest.SetMuted m) {
      return m.participantId();
    } else if (req instanceof SfuRequest.SetTrackPaused t) {
      return t.participantId();
    } else if (req instanceof SfuRequest.SetTrackHeight h) {
      return h.participantId();
    } else if (req instanceof SfuRequest.Unpublish u) {
      return u.participantId();
    }
    throw new IllegalArgumentException("no participant in " + req.getClass().getSimpleName());
  }

  @Override
  public Future<?> stop() {
    return Future.join(commands.unregister(), events.unregister());
  }
}
