package io.confero.api;

import io.confero.store.ApiKeyRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Authentication of integrator requests (bearer JWT) and token minting (HTTP Basic key:secret). */
final class ApiAuth {
  static final String PRINCIPAL = "confero.principal";

  private final TokenService tokens;
  private final ApiKeyRepository keys;
  private final RateLimiter limiter;

  ApiAuth(TokenService tokens, ApiKeyRepository keys, RateLimiter limiter) {
    this.tokens = tokens;
    this.keys = keys;
    this.limiter = limiter;
  }

  /** Route handler: requires a valid integrator token and a request budget, then continues. */
  void requireBearer(RoutingContext ctx) {
    String h = ctx.request().getHeader("Authorization");
    if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"confero\"");
      ctx.fail(ApiException.unauthorized("a bearer token is required (POST /api/v1/tokens)"));
      return;
    }
    tokens.verifyApi(h.substring(7).trim())
        .compose(p -> limit("key:" + p.keyId()).map(p))
        .onSuccess(p -> {
          ctx.put(PRINCIPAL, p);
          ctx.next();
        })
        .onFailure(ctx::fail);
  }

  /** Route handler for guest paths: a request budget per client address. */
  void limitByAddress(RoutingContext ctx) {
    limit("ip:" + ctx.request().remoteAddress().hostAddress()).onSuccess(v -> ctx.next()).onFailure(ctx::fail);
  }

  private Future<Void> limit(String client) {
    return limiter.tryAcquire(client).compose(ok -> ok ? Future.succeededFuture()
        : Future.failedFuture(new ApiException(429, "rate-limited", "too many requests; retry after the current minute")));
  }

  /** {@code POST /api/v1/tokens}: HTTP Basic key:secret → short-lived bearer token. */
  void mintToken(RoutingContext ctx) {
    String h = ctx.request().getHeader("Authorization");
    String[] pair = basic(h);
    if (pair == null) {
      ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"confero\"");
      ctx.fail(ApiException.unauthorized("HTTP Basic authentication with the API key and secret is required"));
      return;
    }
    // the caller's address pays for the attempt; the key's own budget only once the secret proved
    // right, so someone who merely knows a key id cannot spend its holder's budget
    limit("ip:" + ctx.request().remoteAddress().hostAddress()).compose(v -> keys.verify(pair[0], pair[1]))
        .compose(t -> t.isEmpty() ? Future.failedFuture(ApiException.unauthorized("unknown API key or wrong secret"))
            : limit("key:" + pair[0]).map(t.get()))
        .onSuccess(tenant -> ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json")
            .putHeader("Cache-Control", "no-store")
            .end(new JsonObject().put("access_token", tokens.mintApiToken(tenant, pair[0]))
                .put("token_type", "Bearer").put("expires_in", tokens.apiTtlSeconds()).encode()))
        .onFailure(ctx::fail);
  }

  private static String[] basic(String h) {
    if (h == null || !h.regionMatches(true, 0, "Basic ", 0, 6) || h.length() > 1024) {
      return null;
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(h.substring(6).trim()), StandardCharsets.UTF_8);
      int i = decoded.indexOf(':');
      if (i <= 0 || i == decoded.length() - 1) {
        return null;
      }
      return new String[] {decoded.substring(0, i), decoded.substring(i + 1)};
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static TokenService.ApiPrincipal principal(RoutingContext ctx) {
    return ctx.get(PRINCIPAL);
  }
}
