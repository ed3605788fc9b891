package io.confero.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.api.RestClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/** REST steps the webhook tests share: register an endpoint, create a meeting, read deliveries. */
final class WebhookFixture {
  static final Map<String, String> CONFIG = Map.of(
      "CONFERO_WEBHOOKS_ALLOW_INSECURE_TARGETS", "true",
      "CONFERO_WEBHOOKS_TIMEOUT_MS", "3000",
      "CONFERO_WEBHOOKS_POLL_INTERVAL_MS", "100",
      "CONFERO_WEBHOOKS_INITIAL_BACKOFF_SECONDS", "10",
      "CONFERO_WEBHOOKS_MAX_BACKOFF_SECONDS", "60",
      "CONFERO_WEBHOOKS_RETRY_WINDOW_SECONDS", "600");

  private final RestClient rest;
  private final String token;

  WebhookFixture(RestClient rest, String token) {
    this.rest = rest;
    this.token = token;
  }

  /** Registers an endpoint for {@code events}; returns the creation response (id, secret). */
  JsonObject endpoint(String url, String... events) throws Exception {
    RestClient.Response r = rest.authed(token, "POST", "/api/v1/webhooks",
        new JsonObject().put("url", url).put("events", new JsonArray(java.util.List.of(events))).encode());
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  String meeting(String title) throws Exception {
    RestClient.Response r = rest.authed(token, "POST", "/api/v1/meetings",
        new JsonObject().put("title", title).put("type", "instant").encode());
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().getString("meeting_id");
  }

  JsonArray deliveries(String endpoint, String status) throws Exception {
    RestClient.Response r = rest.authed(token, "GET", "/api/v1/webhooks/" + endpoint + "/deliveries"
        + (status == null ? "" : "?status=" + status), null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().getJsonArray("items");
  }

  /** The single delivery of the endpoint (tests use one event per endpoint). */
  JsonObject only(String endpoint) throws Exception {
    JsonArray all = deliveries(endpoint, null);
    return all.size() == 1 ? all.getJsonObject(0) : new JsonObject().put("count", all.size());
  }

  RestClient.Response post(String path) throws Exception {
    return rest.authed(token, "POST", path, null);
  }
}
