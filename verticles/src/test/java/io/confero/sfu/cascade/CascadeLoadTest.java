package io.confero.sfu.cascade;

import static org.assertj.core.api.Assertions.assertThat;
import static io.confero.sfu.NodeMetrics.metrics;
import static io.confero.sfu.NodeMetrics.receivesBoth;
import static io.confero.sfu.NodeMetrics.sample;
import static org.awaitility.Awaitility.await;

import io.confero.api.RestClient;
import io.confero.app.TestNode;
import io.confero.app.TwoNodes;
import io.confero.loadgen.LoadParticipant;
import io.confero.loadgen.MediaClip;
import io.confero.loadgen.TrackReception;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cascading end to end without a browser: two Confero nodes (two clustered Vert.x instances,
 * Hazelcast TCP-IP join on loopback, one PostgreSQL — node A's, reached by B as an external
 * database) with {@code cluster.cascade} on. Load participants (real REST, signaling, ICE,
 * DTLS-SRTP, VP8 + Opus) join through each node's API — Ada on A, Bob and Cy on B; each is served
 * by that node and receives the others' video frames and audio, which can only have crossed the
 * encrypted node-to-node link (counted on each node's /metrics), and Ada's streams cross once
 * however many subscribers sit behind B.
 */
class CascadeLoadTest {
  @TempDir
  Path tmp;

  @Test
  void participantsOnTwoNodesReceiveEachOther() throws Exception {
    MediaClip clip = MediaClip.generate(tmp.resolve("clip"), 320, 240, 15, 4);
    try (TwoNodes nodes = TwoNodes.start(tmp, Map.of());
        LoadParticipant.LoadContext ctx = LoadParticipant.LoadContext.create()) {
      TestNode a = nodes.a();
      TestNode b = nodes.b();
      RestClient rest = new RestClient(a.baseUrl());
      JsonObject meeting = rest.authed(rest.token(), "POST", "/api/v1/meetings",
          "{\"title\":\"Cascade\",\"type\":\"instant\"}").json();
      String code = meeting.getString("join_url").substring(meeting.getString("join_url").lastIndexOf('/') + 1);
      LoadParticipant ada = new LoadParticipant("Ada", ctx, clip);
      LoadParticipant bob = new LoadParticipant("Bob", ctx, clip);
      LoadParticipant cy = new LoadParticipant("Cy", ctx, clip);
      try {
        ada.join(a.baseUrl(), code).get(60, TimeUnit.SECONDS);
        bob.join(b.baseUrl(), code).get(60, TimeUnit.SECONDS);
        cy.join(b.baseUrl(), code).get(60, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
            .until(() -> receivesBoth(ada, bob.participantId()) && receivesBoth(bob, ada.participantId())
                && receivesBoth(cy, ada.participantId()) && receivesBoth(ada, cy.participantId()));

        String onA = metrics(a);
        String onB = metrics(b);
        assertThat(sample(onA, "confero_sfu_cascade_packets_total\\{to=\"[^\"]+\",worker=\"0\"}")).as(onA)
            .isGreaterThan(50);
        assertThat(sample(onB, "confero_sfu_cascade_packets_total\\{to=\"[^\"]+\",worker=\"0\"}")).as(onB)
            .isGreaterThan(50);
        assertThat(sample(onA, "confero_sfu_cascade_received_total\\{worker=\"0\"}")).isGreaterThan(50);
        // Ada's streams cross once for both subscribers behind B: the link carries about what one of them receives
        double linkFromA = sample(onA, "confero_sfu_cascade_packets_total\\{to=\"[^\"]+\",worker=\"0\"}");
        long bobGotOfAda = packetsOf(bob, ada.participantId());
        assertThat(linkFromA).as("link packets A->B against %d packets Bob received of Ada", bobGotOfAda)
            .isLessThan(1.5 * bobGotOfAda);
        printLinkRate(a, linkFromA);
        assertThat(sample(onB, "confero_sfu_cascade_received_total\\{worker=\"0\"}")).isGreaterThan(50);
      } finally {
        ada.close();
        bob.close();
        cy.close();
      }
    }
  }

  /**
   * Three nodes, one participant on each: everyone receives everyone, and each node receives each
   * far publisher's streams once — a stream relayed on by a node that is not its origin would show
   * as more link packets than the participant there received.
   */
  @Test
  void withAThirdNodeNoStreamCrossesTwice() throws Exception {
    MediaClip clip = MediaClip.generate(tmp.resolve("clip"), 320, 240, 15, 4);
    TwoNodes.First first = TwoNodes.startFirst(tmp, Map.of());
    Map<String, String> third = new java.util.HashMap<>(first.secondEnv());
    third.put("CONFERO_CLUSTER_PORT", Integer.toString(TestNode.freePort()));
    try (TestNode a = first.node(); TestNode b = TestNode.start(tmp.resolve("b"), first.secondEnv());
        TestNode c = TestNode.start(tmp.resolve("c"), third);
        LoadParticipant.LoadContext ctx = LoadParticipant.LoadContext.create()) {
      RestClient rest = new RestClient(a.baseUrl());
      JsonObject meeting = rest.authed(rest.token(), "POST", "/api/v1/meetings",
          "{\"title\":\"Three\",\"type\":\"instant\"}").json();
      String code = meeting.getString("join_url").substring(meeting.getString("join_url").lastIndexOf('/') + 1);
      List<LoadParticipant> ps = List.of(new LoadParticipant("Ada", ctx, clip), new LoadParticipant("Bob", ctx, clip),
          new LoadParticipant("Cy", ctx, clip));
      List<TestNode> nodes = List.of(a, b, c);
      try {
        for (int i = 0; i < 3; i++) {
          ps.get(i).join(nodes.get(i).baseUrl(), code).get(60, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() ->
            ps.stream().allMatch(p -> ps.stream().allMatch(q -> p == q || receivesBoth(p, q.participantId()))));
        for (int i = 0; i < 3; i++) {
          double linkIn = sample(metrics(nodes.get(i)), "confero_sfu_cascade_received_total\\{worker=\"0\"}");
          LoadParticipant here = ps.get(i);
          long got = ps.stream().filter(q -> q != here).mapToLong(q -> packetsOf(here, q.participantId())).sum();
          assertThat(linkIn).as("link packets into node %d against %d its participant received", i, got)
              .isGreaterThan(50).isLessThan(1.5 * got);
        }
      } finally {
        ps.forEach(LoadParticipant::close);
      }
    }
  }

  private static long packetsOf(LoadParticipant p, String from) {
    return p.received().values().stream().filter(s -> from.equals(s.participantId()))
        .mapToLong(TrackReception.Snapshot::packets).sum();
  }

  /** The link's packets/s from A over the next 5 s (docs/benchmarks.md), printed, not asserted. */
  private static void printLinkRate(TestNode a, double before) {
    long t0 = System.nanoTime();
    await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(6)).until(() -> true);
    double after = sample(metrics(a), "confero_sfu_cascade_packets_total\\{to=\"[^\"]+\",worker=\"0\"}");
    System.out.printf("cascade link A->B: %.0f packets/s (one publisher, two subscribers behind B)%n",
        (after - before) / ((System.nanoTime() - t0) / 1e9));
  }
}
