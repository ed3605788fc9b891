package io.confero.meeting;

import io.vertx.core.Future;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A single-process {@link MeetingDirectory} for unit tests: same mutation semantics, no cluster. */
public final class InMemoryMeetingDirectory implements MeetingDirectory {
  private final ConcurrentMap<MeetingId, LiveMeeting> map = new ConcurrentHashMap<>();

  @Override
  public Future<LiveMeeting> get(MeetingId id) {
    return Future.succeededFuture(map.get(id));
  }

  @Override
  public Future<MeetingMutation.Outcome> apply(MeetingId id, MeetingMutation mutation) {
    MeetingMutation.Outcome[] out = new MeetingMutation.Outcome[1];
    map.compute(id, (k, cur) -> {
      out[0] = mutation.apply(id, cur);
      return out[0].accepted() ? out[0].state() : cur;
    });
    return Future.succeededFuture(out[0]);
  }

  @Override
  public Future<Void> remove(MeetingId id) {
    map.remove(id);
    return Future.succeededFuture();
  }
}
