package io.confero.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.api.RestClient;
import io.confero.app.ChildNode;
import io.confero.app.TestNode;
import io.confero.app.TwoNodes;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Node failover in a meeting spanning nodes ({@code cluster.cascade}): node A runs in this JVM
 * (with the shared PostgreSQL), node B in a child JVM; Ada's Chromium joins through A, Bob's
 * through B. B is killed ({@code kill -9}): Bob's page reconnects by itself to A (the join
 * response listed it as an alternate), with the same seat, publishes again and both decode each
 * other again. Prints the time from the kill to media back (docs/benchmarks.md).
 */
@EndToEnd
class NodeFailoverE2ETest {
  static final Duration START = Duration.ofSeconds(180);
  static final Duration MEDIA_BACK = Duration.ofSeconds(90);

  @RegisterExtension
  static final Browsers browsers = new Browsers();

  @Test
  void theParticipantsOfAKilledNodeRejoinAnotherNodeOfTheMeetingByThemselves() throws Exception {
    Path dir = Files.createTempDirectory("confero-failover");
    Map<String, String> overrides = new HashMap<>();
    overrides.put("CONFERO_SFU_ANNOUNCED_ADDRESS", "127.0.0.1");
    overrides.put("CONFERO_HTTP_WEBROOT", Path.of(System.getProperty("confero.webroot", "../webroot"))
        .toAbsolutePath().normalize().toString());
    overrides.put("CONFERO_SIGNALING_RECONNECT_GRACE", "60s");
    TwoNodes.First first = TwoNodes.startFirst(dir, overrides);
    ChildNode b = null;
    try (TestNode a = first.node()) {
      b = ChildNode.start(TestNode.env(dir.resolve("b"), first.secondEnv())).awaitHealthy(START);
      RestClient rest = new RestClient(a.baseUrl());
      JsonObject meeting = rest.authed(rest.token(), "POST", "/api/v1/meetings", "{\"title\":\"Failover\"}").json();
      String link = meeting.getString("join_url");
      String code = link.substring(link.lastIndexOf('/') + 1);
      BrowserSession ada = CallPages.launchAndJoin(browsers, "Ada", a.baseUrl() + "/j/" + code);
      BrowserSession bob = CallPages.launchAndJoin(browsers, "Bob", b.baseUrl() + "/j/" + code);
      ReconnectE2ETest.awaitMediaBothWays(ada, bob);
      String adaId = (String) ada.execute("return window.confero.selfId;");
      String bobId = (String) bob.execute("return window.confero.selfId;");
      List<?> adaSawBob = ReconnectE2ETest.trackIdsOf(ada, bobId);

      b.kill9();
      long killed = System.nanoTime();
      // Bob rejoined on A and published again (new tracks); Ada's tracks are the same, Bob's page
      // subscribes to them afresh
      ReconnectE2ETest.awaitNewVideoOf(ada, bobId, adaSawBob);
      MediaAwait.awaitFramesDecodedRising(bob, 1, MEDIA_BACK);
      MediaAwait.awaitAudioSamplesRising(bob, 1, MEDIA_BACK);
      MediaAwait.awaitTileVideoPlaying(bob, adaId, MEDIA_BACK);
      Duration back = Duration.ofNanos(System.nanoTime() - killed);
      System.out.printf("node failover: kill -9 to media back both ways %.1f s%n", back.toMillis() / 1e3);
      assertThat(bob.execute("return window.confero.selfId;")).as("Bob's seat").isEqualTo(bobId);
      assertThat(bob.conferoState()).isEqualTo("joined");
      assertThat(back).as("media back after the kill").isLessThan(MEDIA_BACK);
      bob.screenshot(Browsers.screenshotDir().resolve("NodeFailoverE2ETest").resolve("bob-after-failover.png"));
    } finally {
      if (b != null) {
        b.close();
      }
      BrowserSession.deleteTree(dir);
    }
  }
}
