package io.confero.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.confero.api.Problems;
import io.confero.api.RestClient;
import io.confero.app.TestNode;
import io.confero.meeting.TenantId;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SSRF rules on a strict node ({@code webhooks.allow_insecure_targets=false}, the default): at
 * registration over REST, and again before each delivery. The delivery-time case needs a host that
 * was public when registered and now resolves inward; DNS cannot be steered from a test, so the
 * endpoint is written straight to the store (as registered earlier) with host {@code localhost},
 * which resolves to loopback now. {@code TargetGuardTest} covers a changing DNS answer with a scripted resolver.
 */
class WebhookTargetRulesTest {
  static final Duration WAIT = Duration.ofSeconds(90);
  static Receiver receiver;
  static TestNode node;
  static RestClient rest;
  static WebhookFixture fx;

  @BeforeAll
  static void start() throws Exception {
    receiver = new Receiver();
    Map<String, String> cfg = new HashMap<>(WebhookFixture.CONFIG);
    cfg.put("CONFERO_WEBHOOKS_ALLOW_INSECURE_TARGETS", "false");
    node = TestNode.start(Files.createTempDirectory("confero-webhook-ssrf"), cfg);
    rest = new RestClient(node.baseUrl());
    fx = new WebhookFixture(rest, rest.token());
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
    receiver.close();
  }

  @Test
  void registrationRefusesInsecureAndNonPublicTargetsAndStoresNothing() throws Exception {
    String[][] refused = {
        {"http://hooks.example.com/confero", "must be an https URL"},
        {"https://127.0.0.1/confero", "non-public address 127.0.0.1"},
        {"https://10.1.2.3/confero", "non-public address 10.1.2.3"},
        {"https://169.254.169.254/latest/meta-data/", "non-public address 169.254.169.254"},
        {"https://[::1]:8443/confero", "non-public address"},
        {"https://localhost/confero", "non-public address 127.0.0.1"},
        {"https://[::ffff:192.168.1.1]/confero", "non-public address"},
    };
    long before = count("SELECT count(*) FROM webhook_endpoints");
    for (String[] c : refused) {
      RestClient.Response r = rest.authed(rest.token(), "POST", "/api/v1/webhooks",
          new JsonObject().put("url", c[0]).put("events", List.of("meeting.created")).encode());
      assertThat(r.status()).as(c[0] + " " + r.body()).isEqualTo(422);
      assertThat(r.header("Content-Type")).as(c[0]).startsWith("application/problem+json");
      JsonObject p = r.json();
      assertThat(p.getString("type")).as(c[0]).isEqualTo(Problems.TYPE_PREFIX + "invalid-value");
      assertThat(p.getString("field")).as(c[0]).isEqualTo("url");
      assertThat(p.getInteger("status")).isEqualTo(422);
      assertThat(p.getString("detail")).as(c[0]).contains(c[1]);
    }
    RestClient.Response list = rest.authed(rest.token(), "GET", "/api/v1/webhooks", null);
    List<String> urls = list.json().getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("url")).toList();
    for (String[] c : refused) {
      assertThat(urls).doesNotContain(c[0]);
    }
    assertThat(count("SELECT count(*) FROM webhook_endpoints")).isEqualTo(before);
  }

  @Test
  void deliveryToATargetThatTurnedInwardIsRefusedRecordedAndNotSent() throws Exception {
    WebhookStore store = new WebhookStore(node.node().pool(), new SecureRandom());
    int port = Integer.parseInt(receiver.url("x").replaceAll(".*:(\\d+)/.*", "$1"));
    String rebound = registeredEarlier(store, "https://localhost:" + port + "/r/rebound");
    String plain = registeredEarlier(store, receiver.url("plain"));
    assertThat(fx.post("/api/v1/webhooks/" + rebound + "/test").status()).isEqualTo(202);
    assertThat(fx.post("/api/v1/webhooks/" + plain + "/test").status()).isEqualTo(202);
    await().atMost(WAIT).until(() -> fx.only(rebound).getInteger("attempts", 0) == 1
        && fx.only(plain).getInteger("attempts", 0) == 1);
    JsonObject r = fx.only(rebound);
    assertThat(r.getString("status")).isEqualTo("pending");
    assertThat(r.getValue("last_status")).isNull();
    assertThat(r.getString("last_error")).contains("target refused", "localhost", "non-public address 127.0.0.1");
    JsonObject p = fx.only(plain);
    assertThat(p.getString("status")).isEqualTo("pending");
    assertThat(p.getString("last_error")).contains("target refused", "https");
    assertThat(receiver.hits("rebound")).isEmpty();
    assertThat(receiver.hits("plain")).isEmpty();
  }

  private static String registeredEarlier(WebhookStore store, String url) throws Exception {
    return store.create(new TenantId("default"), url, List.of("meeting.created"), Instant.now())
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS).endpoint().id().toString();
  }

  private static long count(String sql) throws Exception {
    return node.node().pool().query(sql).execute().toCompletionStage().toCompletableFuture()
        .get(60, TimeUnit.SECONDS).iterator().next().getLong(0);
  }
}
