package io.confero.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Renders every error as RFC 9457 {@code application/problem+json} with a stable {@code type}. */
public final class Problems {
  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
  /** Prefix of every problem type; the suffix is the stable slug (e.g. {@code invalid-value}). */
  public static final String TYPE_PREFIX = "https://confero.dev/problems/";

  private Problems() {}

  public static void send(RoutingContext ctx, ApiException e) {
    JsonObject body = new JsonObject()
        .put("type", TYPE_PREFIX + e.type())
        .put("title", title(e.status()))
        .put("status", e.status())
        .put("detail", e.getMessage())
        .put("instance", ctx.request().path());
    if (e.field() != null) {
      body.put("field", e.field());
    }
    if (ctx.response().ended()) {
      return;
    }
    ctx.response().setStatusCode(e.status()).putHeader("Content-Type", "application/problem+json")
        .end(body.encode());
  }

  /** The router's failure handler: maps every failure to a problem document. */
  public static void handleFailure(RoutingContext ctx) {
    Throwable t = ctx.failure();
    ApiException e;
    if (t instanceof ApiException api) {
      e = api;
    } else if (t != null && ctx.statusCode() < 400) {
      LOG.warn("unexpected error on {} {}", ctx.request().method(), ctx.request().path(), t);
      e = new ApiException(500, "internal-error", "internal error");
    } else {
      e = forStatus(ctx.statusCode() < 0 ? 500 : ctx.statusCode());
      if (e.status() >= 500) {
        LOG.warn("error {} on {} {}", e.status(), ctx.request().method(), ctx.request().path(), t);
      }
    }
    if (e.status() == 429 && !ctx.response().headers().contains("Retry-After")) {
      ctx.response().putHeader("Retry-After", "60");
    }
    send(ctx, e);
  }

  /**
   * The HTTP server's handler of requests its decoder refused (before any route): a request line
   * over the limit is 414, headers over the limit 431, anything else 400, each as a problem
   * document; the server closes the connection once the response ended.
   */
  public static void invalidRequest(io.vertx.core.http.HttpServerRequest req) {
    Throwable cause = req.decoderResult().cause();
    ApiException e;
    if (cause instanceof io.netty.handler.codec.http.TooLongHttpLineException) {
      e = new ApiException(414, "uri-too-long", "the request line (method, path and query) is too long");
    } else if (cause instanceof io.netty.handler.codec.http.TooLongHttpHeaderException) {
      e = new ApiException(431, "headers-too-large", "the request headers are too large");
    } else {
      e = forStatus(400);
    }
    JsonObject body = new JsonObject().put("type", TYPE_PREFIX + e.type()).put("title", title(e.status()))
        .put("status", e.status()).put("detail", e.getMessage());
    req.response().setStatusCode(e.status()).putHeader("Content-Type", "application/problem+json")
        .putHeader("Connection", "close").end(body.encode());
  }

  private static ApiException forStatus(int status) {
    return switch (status) {
      case 400 -> new ApiException(400, "malformed-request", "the request could not be parsed");
      case 401 -> ApiException.unauthorized("a valid bearer token is required");
      case 403 -> new ApiException(403, "forbidden", "not allowed");
      case 404 -> ApiException.notFound("resource");
      case 405 -> new ApiException(405, "method-not-allowed", "method not allowed on this resource");
      case 413 -> new ApiException(413, "payload-too-large", "the request body is larger than allowed", "body");
      case 415 -> new ApiException(415, "unsupported-media-type", "the body must be application/json", "body");
      default -> new ApiException(status, status >= 500 ? "internal-error" : "client-error", title(status));
    };
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 409 -> "Conflict";
      case 413 -> "Payload Too Large";
      case 414 -> "URI Too Long";
      case 415 -> "Unsupported Media Type";
      case 431 -> "Request Header Fields Too Large";
      case 422 -> "Unprocessable Content";
      case 429 -> "Too Many Requests";
      default -> status >= 500 ? "Internal Server Error" : "Error";
    };
  }
}
