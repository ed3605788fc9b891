package io.confero.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.api.RestClient;
import io.confero.app.TwoNodes;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One meeting across two nodes ({@code cluster.cascade}): two Confero nodes in this JVM form one
 * Hazelcast cluster on loopback and share one PostgreSQL; Ada's Chromium joins through node A's
 * page, Bob's through node B's. Each is served by its own node and decodes the other's video and
 * hears the other's audio ({@code getStats}), which crossed the encrypted node-to-node link, and
 * each sees the other's tile.
 */
@EndToEnd
class CascadeE2ETest {
  static final Duration MEDIA = Duration.ofSeconds(90);

  @RegisterExtension
  static final Browsers browsers = new Browsers();

  @Test
  void participantsOnTwoNodesDecodeAndHearEachOther() throws Exception {
    Path dir = Files.createTempDirectory("confero-cascade");
    Map<String, String> overrides = Map.of("CONFERO_SFU_ANNOUNCED_ADDRESS", "127.0.0.1",
        "CONFERO_HTTP_WEBROOT", Path.of(System.getProperty("confero.webroot", "../webroot"))
            .toAbsolutePath().normalize().toString());
    try (TwoNodes nodes = TwoNodes.start(dir, overrides)) {
      RestClient rest = new RestClient(nodes.a().baseUrl());
      JsonObject meeting = rest.authed(rest.token(), "POST", "/api/v1/meetings", "{\"title\":\"Cascade\"}").json();
      String link = meeting.getString("join_url");
      String code = link.substring(link.lastIndexOf('/') + 1);
      BrowserSession ada = CallPages.launchAndJoin(browsers, "Ada", nodes.a().baseUrl() + "/j/" + code);
      BrowserSession bob = CallPages.launchAndJoin(browsers, "Bob", nodes.b().baseUrl() + "/j/" + code);
      MediaAwait.awaitFramesDecodedRising(ada, 1, MEDIA);
      MediaAwait.awaitAudioSamplesRising(ada, 1, MEDIA);
      MediaAwait.awaitFramesDecodedRising(bob, 1, MEDIA);
      MediaAwait.awaitAudioSamplesRising(bob, 1, MEDIA);
      String adaId = (String) ada.execute("return window.confero.selfId;");
      String bobId = (String) bob.execute("return window.confero.selfId;");
      MediaAwait.awaitTileVideoPlaying(ada, bobId, MEDIA);
      MediaAwait.awaitTileVideoPlaying(bob, adaId, MEDIA);
      assertThat(ada.conferoState()).isEqualTo("joined");
      assertThat(bob.conferoState()).isEqualTo("joined");
      ada.screenshot(Browsers.screenshotDir().resolve("CascadeE2ETest").resolve("ada-on-a.png"));
      bob.screenshot(Browsers.screenshotDir().resolve("CascadeE2ETest").resolve("bob-on-b.png"));
    } finally {
      BrowserSession.deleteTree(dir);
    }
  }
}
