package io.confero.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Live meeting state on a real two-member Hazelcast cluster (TCP-IP join on loopback): mutations
 * sent from both members apply atomically on the partition owner, the epoch only grows, and each
 * member reads what the other wrote.
 */
@ExtendWith(VertxExtension.class)
class HazelcastMeetingDirectoryTest {
  static HazelcastInstance a;
  static HazelcastInstance b;

  @BeforeAll
  static void cluster() {
    String name = "confero-test-" + ProcessHandle.current().pid();
    a = Hazelcast.newHazelcastInstance(config(name));
    b = Hazelcast.newHazelcastInstance(config(name));
  }

  static Config config(String name) {
    Config c = new Config().setClusterName(name);
    c.setProperty("hazelcast.logging.type", "slf4j");
    c.setProperty("hazelcast.phone.home.enabled", "false");
    c.getNetworkConfig().setPort(5901).setPortAutoIncrement(true);
    c.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    c.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
    c.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
    c.getNetworkConfig().getJoin().getTcpIpConfig().setEnabled(true).addMember("127.0.0.1");
    return c;
  }

  @AfterAll
  static void stop() {
    b.shutdown();
    a.shutdown();
  }

  @Test
  void concurrentMutationsFromBothMembersAreAtomic(Vertx vertx, VertxTestContext ctx) {
    assertThat(a.getCluster().getMembers()).hasSize(2);
    MeetingDirectory onA = new HazelcastMeetingDirectory(vertx, a);
    MeetingDirectory onB = new HazelcastMeetingDirectory(vertx, b);
    MeetingId id = MeetingId.random();
    MeetingSettings settings = new MeetingSettings(1000, false, false, true, false);
    List<Future<MeetingMutation.Outcome>> all = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      MeetingDirectory d = i % 2 == 0 ? onA : onB;
      all.add(d.apply(id, new MeetingMutations.Register(settings, ParticipantId.random(), "p" + i, Role.PARTICIPANT)));
    }
    Future.all(all).compose(x -> onB.get(id)).onComplete(ctx.succeeding(m -> ctx.verify(() -> {
      assertThat(m.participants()).hasSize(100);
      assertThat(m.epoch()).isEqualTo(100);
      assertThat(all.stream().map(f -> f.result().state().epoch()).distinct().count()).isEqualTo(100);
      ctx.completeNow();
    })));
  }

  @Test
  void rejectedMutationsWriteNothing(Vertx vertx, VertxTestContext ctx) throws Exception {
    MeetingDirectory onA = new HazelcastMeetingDirectory(vertx, a);
    MeetingDirectory onB = new HazelcastMeetingDirectory(vertx, b);
    MeetingId id = MeetingId.random();
    MeetingSettings two = new MeetingSettings(2, false, false, true, false);
    onA.apply(id, new MeetingMutations.Register(two, ParticipantId.random(), "x", Role.HOST))
        .compose(x -> onB.apply(id, new MeetingMutations.Register(two, ParticipantId.random(), "y", Role.PARTICIPANT)))
        .compose(x -> onA.apply(id, new MeetingMutations.Register(two, ParticipantId.random(), "z", Role.PARTICIPANT)))
        .compose(full -> {
          ctx.verify(() -> {
            assertThat(full.accepted()).isFalse();
            assertThat(full.errorCode()).isEqualTo(MeetingMutations.FULL);
          });
          return onB.apply(id, new MeetingMutations.End("test"));
        })
        .compose(x -> onA.apply(id, new MeetingMutations.Register(two, ParticipantId.random(), "late", Role.HOST)))
        .compose(late -> {
          ctx.verify(() -> assertThat(late.errorCode()).isEqualTo(MeetingMutations.ENDED));
          return onB.get(id);
        })
        .onComplete(ctx.succeeding(m -> ctx.verify(() -> {
          assertThat(m.participants()).hasSize(2);
          assertThat(m.ended()).isTrue();
          assertThat(m.epoch()).isEqualTo(3);
          ctx.completeNow();
        })));
    assertThat(ctx.awaitCompletion(60, TimeUnit.SECONDS)).isTrue();
  }
}
