package io.confero.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.api.RestClient;
import io.confero.app.ChildNode;
import io.confero.app.TestNode;
import io.confero.signaling.WsPeer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The only node of a live meeting is killed ({@code kill -9}, a child JVM with its embedded
 * PostgreSQL) and started again on the same data folder and ports. Two Chromium participants come
 * back into the same meeting by themselves, with the same seats, and decode each other again; the
 * host's lock and removal still hold and the chat is still there. Prints the time from the restart
 * to media back (docs/benchmarks.md).
 */
@EndToEnd
class NodeRestartE2ETest {
  static final Duration START = Duration.ofSeconds(180);
  static final Duration MEDIA_BACK = Duration.ofSeconds(90);

  @RegisterExtension
  static final Browsers browsers = new Browsers();

  static JsonObject msg(Object... kv) {
    JsonObject m = new JsonObject();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void aKilledNodeComesBackWithItsMeetingAndThePagesRejoinByThemselves() throws Exception {
    Path dir = Files.createTempDirectory("confero-node-restart");
    Map<String, String> overrides = new HashMap<>();
    overrides.put("CONFERO_SFU_ANNOUNCED_ADDRESS", "127.0.0.1");
    overrides.put("CONFERO_HTTP_WEBROOT", Path.of(System.getProperty("confero.webroot", "../webroot"))
        .toAbsolutePath().normalize().toString());
    overrides.put("CONFERO_SIGNALING_RECONNECT_GRACE", "120s"); // the pages keep trying while the node is down
    Map<String, String> env = TestNode.env(dir, overrides);
    int signalingPort = Integer.parseInt(env.get("CONFERO_SIGNALING_PORT"));
    Vertx vertx = Vertx.vertx();
    ChildNode node = ChildNode.start(env).awaitHealthy(START);
    try {
      RestClient rest = new RestClient(node.baseUrl());
      String api = rest.token();
      JsonObject meeting = rest.authed(api, "POST", "/api/v1/meetings", "{\"title\":\"Crash\"}").json();
      String id = meeting.getString("meeting_id");
      String link = meeting.getString("join_url");
      String joinUrl = node.baseUrl() + "/j/" + link.substring(link.lastIndexOf('/') + 1);
      String hostToken = seat(rest, api, id, "Hannah Host", "host").getString("session_token");
      JsonObject cy = seat(rest, api, id, "Cy", "participant");

      WsPeer host = WsPeer.joined(vertx, signalingPort, hostToken, "joined");
      BrowserSession ada = CallPages.launchAndJoin(browsers, "Ada", joinUrl);
      BrowserSession bob = CallPages.launchAndJoin(browsers, "Bob", joinUrl);
      ReconnectE2ETest.awaitMediaBothWays(ada, bob);
      String adaId = (String) ada.execute("return window.confero.selfId;");
      String bobId = (String) bob.execute("return window.confero.selfId;");
      host.send(msg("type", "chat", "text", "before the crash"));
      host.await("chat");
      WsPeer cyPeer = WsPeer.joined(vertx, signalingPort, cy.getString("session_token"), "joined");
      host.send(msg("type", "remove_participant", "participant_id", cy.getString("participant_id")));
      cyPeer.await("removed");
      host.send(msg("type", "lock", "locked", true));
      host.await("meeting_updated", u -> Boolean.TRUE.equals(u.getBoolean("locked")));
      host.sync();
      List<?> adaSawBob = ReconnectE2ETest.trackIdsOf(ada, bobId);
      List<?> bobSawAda = ReconnectE2ETest.trackIdsOf(bob, adaId);

      node.kill9();
      long killed = System.nanoTime();
      node = ChildNode.start(env).awaitHealthy(START);
      long healthy = System.nanoTime();

      ReconnectE2ETest.awaitNewVideoOf(ada, bobId, adaSawBob);
      ReconnectE2ETest.awaitNewVideoOf(bob, adaId, bobSawAda);
      long media = System.nanoTime();
      System.out.printf("node restart: kill -9 to healthy %.1f s, healthy to media back both ways %.1f s%n",
          (healthy - killed) / 1e9, (media - healthy) / 1e9);
      assertThat(ada.execute("return window.confero.selfId;")).as("Ada's seat").isEqualTo(adaId);
      assertThat(bob.execute("return window.confero.selfId;")).as("Bob's seat").isEqualTo(bobId);
      assertThat(ada.conferoState()).isEqualTo("joined");
      assertThat(Duration.ofNanos(media - healthy)).as("media back after the node is up").isLessThan(MEDIA_BACK);

      try (WsPeer again = WsPeer.joined(vertx, signalingPort, hostToken, "joined")) {
        JsonObject joined = again.await("joined");
        assertThat(joined.getJsonObject("meeting").getBoolean("locked")).as("the lock").isTrue();
        assertThat(joined.getJsonArray("chat").encode()).contains("before the crash");
        WsPeer removed = WsPeer.connect(vertx, signalingPort, cy.getString("session_token"));
        removed.send(msg("type", "join", "v", 1));
        assertThat(removed.await("error").getString("code")).isEqualTo("removed");
      }
      RestClient after = new RestClient(node.baseUrl());
      RestClient.Response late = after.send("POST", URI.create(joinUrl).getPath() + "/join",
          new JsonObject().put("display_name", "Late Larry").encode());
      assertThat(late.status()).as(late.body()).isEqualTo(403);
      ada.screenshot(Browsers.screenshotDir().resolve("NodeRestartE2ETest").resolve("after-restart-ada.png"));
    } finally {
      node.close();
      vertx.close();
      BrowserSession.deleteTree(dir);
    }
  }

  static JsonObject seat(RestClient rest, String api, String meeting, String name, String role) throws Exception {
    RestClient.Response r = rest.authed(api, "POST", "/api/v1/meetings/" + meeting + "/join",
        new JsonObject().put("display_name", name).put("role", role).encode());
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }
}
