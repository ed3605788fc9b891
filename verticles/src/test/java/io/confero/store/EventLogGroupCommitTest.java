package io.confero.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.api.RestClient;
import io.confero.app.TestNode;
import io.confero.meeting.LiveMeeting;
import io.confero.meeting.MeetingId;
import io.confero.meeting.MeetingSettings;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Appends that arrive together go in few transactions, every one durable, a bad one failing alone. */
class EventLogGroupCommitTest {
  static TestNode node;
  static Pool pool;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start();
    pool = node.node().pool();
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  static MeetingId meeting() throws Exception {
    RestClient rest = new RestClient(node.baseUrl());
    return new MeetingId(rest.authed(rest.token(), "POST", "/api/v1/meetings", "{\"title\":\"Log\"}").json()
        .getString("meeting_id"));
  }

  static LiveMeeting at(MeetingId id, long epoch) {
    LiveMeeting open = LiveMeeting.open(id, MeetingSettings.DEFAULTS);
    return new LiveMeeting(id, open.settings(), epoch, false, false, open.participants(), false, open.sharers());
  }

  static <T> T get(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  static long count(String sql, MeetingId id) throws Exception {
    return get(pool.preparedQuery(sql).execute(Tuple.of(id.uuid()))).iterator().next().getLong(0);
  }

  @Test
  void aBurstOfAppendsIsAllLoggedWithTheLatestLiveStateAndItsOutboxRows() throws Exception {
    MeetingId id = meeting();
    EventLogRepository log = new EventLogRepository(pool, Clock.systemUTC());
    List<Future<Void>> all = new ArrayList<>();
    for (int e = 1_001; e <= 1_300; e++) {
      all.add(log.append(id, at(id, e), "participant.joined", Map.of("participant_id", "p" + e)));
    }
    get(Future.all(all));
    assertThat(count("SELECT count(*) FROM meeting_events WHERE meeting_id = $1", id)).isEqualTo(300);
    assertThat(count("SELECT epoch FROM meeting_live_state WHERE meeting_id = $1", id)).isEqualTo(1_300);
    assertThat(get(log.restorePoint(id)).epoch()).isEqualTo(1_300);
    assertThat(count("SELECT count(*) FROM webhook_events WHERE meeting_id = $1 AND type = 'participant.joined'", id)).isEqualTo(300);
  }

  @Test
  void anEpochLoggedTwiceFailsAloneAndTheRestOfItsBatchIsWritten() throws Exception {
    MeetingId id = meeting();
    EventLogRepository log = new EventLogRepository(pool, Clock.systemUTC());
    get(log.append(id, at(id, 1), "hand.raised", Map.of("participant_id", "p1")));
    Future<Void> blocker = log.append(id, at(id, 2), "hand.raised", Map.of("participant_id", "p2"));
    Future<Void> ok1 = log.append(id, at(id, 3), "hand.raised", Map.of("participant_id", "p3"));
    Future<Void> dup = log.append(id, at(id, 1), "hand.raised", Map.of("participant_id", "p1"));
    Future<Void> ok2 = log.append(id, at(id, 4), "hand.raised", Map.of("participant_id", "p4"));
    Future.join(List.of(blocker, ok1, dup, ok2)).toCompletionStage().toCompletableFuture()
        .handle((x, e) -> null).get(60, TimeUnit.SECONDS);
    assertThat(blocker.succeeded()).isTrue();
    assertThat(ok1.succeeded()).isTrue();
    assertThat(ok2.succeeded()).isTrue();
    assertThat(dup.failed()).as("an epoch already logged is an error, never a silent no-op").isTrue();
    assertThat(count("SELECT count(*) FROM meeting_events WHERE meeting_id = $1", id)).isEqualTo(4);
  }
}
