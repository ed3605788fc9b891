package io.confero.meeting;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Live meeting state in a Hazelcast {@link IMap} keyed by {@link MeetingKey} (partitioned by
 * meeting id). Mutations are {@link EntryProcessor}s run on the partition owner through the async
 * API, so no event loop ever blocks on the cluster.
 */
public final class HazelcastMeetingDirectory implements MeetingDirectory {
  public static final String MAP_NAME = "confero.meetings.live";

  private final Vertx vertx;
  private final IMap<MeetingKey, LiveMeeting> map;

  public HazelcastMeetingDirectory(Vertx vertx, HazelcastInstance hz) {
    this.vertx = vertx;
    this.map = hz.getMap(MAP_NAME);
  }

  @Override
  public Future<LiveMeeting> get(MeetingId id) {
    return toFuture(map.getAsync(new MeetingKey(id.value())));
  }

  @Override
  public Future<MeetingMutation.Outcome> apply(MeetingId id, MeetingMutation mutation) {
    return toFuture(map.submitToKey(new MeetingKey(id.value()), new Processor(mutation)));
  }

  @Override
  public Future<Void> remove(MeetingId id) {
    return toFuture(map.removeAsync(new MeetingKey(id.value()))).mapEmpty();
  }

  private <T> Future<T> toFuture(CompletionStage<T> stage) {
    Context ctx = vertx.getOrCreateContext();
    Promise<T> p = Promise.promise();
    stage.whenComplete((v, err) -> ctx.runOnContext(x -> {
      if (err != null) {
        p.fail(err);
      } else {
        p.complete(v);
      }
    }));
    return p.future();
  }

  /** Runs one mutation on the partition owner; writes only when the mutation accepts. */
  static final class Processor
      implements EntryProcessor<MeetingKey, LiveMeeting, MeetingMutation.Outcome> {
    private static final long serialVersionUID = 1L;
    private final MeetingMutation mutation;

    Processor(MeetingMutation mutation) {
      this.mutation = mutation;
    }

    @Override
    public MeetingMutation.Outcome process(Map.Entry<MeetingKey, LiveMeeting> entry) {
      MeetingMutation.Outcome out = mutation.apply(new MeetingId(entry.getKey().meetingId()), entry.getValue());
      if (out.accepted()) {
        entry.setValue(out.state());
      }
      return out;
    }
  }
}
