package io.confero.api;

import io.confero.app.TestNode;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** The JDK HTTP client, held to HTTP/1.1 with timeouts, speaking to a test node as an integrator would. */
public final class RestClient {
  private final HttpClient http = HttpClient.newBuilder()
      // plain HTTP/1.1: the JDK client's h2c upgrade attempt occasionally left a request unanswered
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  public RestClient(String base) {
    this.base = base;
  }

  public record Response(int status, String body, java.net.http.HttpHeaders headers) {
    public JsonObject json() {
      return new JsonObject(body);
    }

    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  public Response send(String method, String path, String body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    for (int i = 0; i < headers.length; i += 2) {
      b.setHeader(headers[i], headers[i + 1]); // replaces the default Content-Type when given
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Response(r.statusCode(), r.body(), r.headers());
  }

  /**
   * GETs an absolute URL (a signed download link) into {@code target}, over the same HTTP/1.1
   * client with a timeout; returns the status (the file holds the body whatever the status).
   */
  public int download(String url, java.nio.file.Path target) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120)).GET().build();
    return http.send(req, HttpResponse.BodyHandlers.ofFile(target)).statusCode();
  }

  /** GETs an absolute URL (a link the server handed out); the body as text. */
  public Response getUrl(String url) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build();
    HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
    return new Response(r.statusCode(), r.body(), r.headers());
  }

  public String token(String key, String secret) throws Exception {
    String basic = Base64.getEncoder().encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8));
    Response r = send("POST", "/api/v1/tokens", null, "Authorization", "Basic " + basic);
    if (r.status() != 200) {
      throw new IllegalStateException("token: " + r.status() + " " + r.body());
    }
    return r.json().getString("access_token");
  }

  public String token() throws Exception {
    return token(TestNode.API_KEY, TestNode.API_SECRET);
  }

  public Response authed(String token, String method, String path, String body) throws Exception {
    return send(method, path, body, "Authorization", "Bearer " + token);
  }
}
