package io.confero.recording.capture;

import io.confero.codecs.sfu.SfuRequest;
import io.confero.sfu.router.Router;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recordings one SFU worker captures, by meeting. The worker hands it {@link SfuRequest.Record}
 * commands, every router it creates, and its tick; a capture outlives its meeting's router (the
 * router goes when the last participant leaves and comes back with the next one, tapped again).
 * Touched only on the worker's event loop.
 */
public final class Captures {
  private static final Logger LOG = LoggerFactory.getLogger(Captures.class);

  private final Function<String, MeetingCapture> factory;
  private final long flushMillis;
  private final Map<String, MeetingCapture> byMeeting = new HashMap<>();
  private long lastFlush;

  /** @param factory makes the capture of a recording id */
  public Captures(Function<String, MeetingCapture> factory, Duration flushInterval) {
    this.factory = factory;
    this.flushMillis = flushInterval.toMillis();
  }

  /** Starts or stops a meeting's capture; a stop completes once its chunks are stored. */
  public Future<Void> handle(SfuRequest.Record r, Router router) {
    MeetingCapture current = byMeeting.get(r.meetingId());
    if (r.on()) {
      if (current != null && current.recordingId().equals(r.recordingId())) {
        return Future.succeededFuture();
      }
      Future<Void> previous = current == null ? Future.succeededFuture() : stop(r.meetingId(), router);
      MeetingCapture c = factory.apply(r.recordingId());
      byMeeting.put(r.meetingId(), c);
      if (router != null) {
        router.tap(c);
      }
      LOG.info("capturing meeting {} for recording {}", r.meetingId(), r.recordingId());
      return previous;
    }
    if (current == null || !current.recordingId().equals(r.recordingId())) {
      return Future.succeededFuture();
    }
    return stop(r.meetingId(), router);
  }

  private Future<Void> stop(String meetingId, Router router) {
    MeetingCapture c = byMeeting.remove(meetingId);
    if (router != null) {
      router.tap(null);
    }
    return c.stop().onComplete(x -> LOG.info("capture of recording {} stopped{}", c.recordingId(),
        x.failed() ? " with an error: " + x.cause() : ""));
  }

  /** A router was created for a meeting: tap it when the meeting is being captured. */
  public void routerCreated(String meetingId, Router router) {
    MeetingCapture c = byMeeting.get(meetingId);
    if (c != null) {
      router.tap(c);
    }
  }

  /** The worker's tick: every flush interval, what each capture buffered goes to disk. */
  public void tick(long nowMillis) {
    if (nowMillis - lastFlush < flushMillis) {
      return;
    }
    lastFlush = nowMillis;
    byMeeting.values().forEach(c -> c.flush().onFailure(e -> LOG.warn("recording {} flush failed: {}",
        c.recordingId(), e.toString())));
  }

  /** Meetings being captured. */
  public int size() {
    return byMeeting.size();
  }
}
