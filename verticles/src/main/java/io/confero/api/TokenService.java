package io.confero.api;

import io.confero.meeting.MeetingId;
import io.confero.meeting.ParticipantId;
import io.confero.meeting.Role;
import io.confero.meeting.TenantId;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.util.Base64;

/**
 * Mints and checks Confero's bearer tokens (HS256 JWTs signed with a key shared by all cluster
 * members): integrator tokens ({@code typ=api}) and participant session tokens ({@code typ=session}).
 */
public final class TokenService {
  public static final String ISSUER = "confero";

  private final JWTAuth jwt;
  private final int apiTtlSeconds;
  private final int sessionTtlSeconds;

  /** Claims of a verified integrator token. */
  public record ApiPrincipal(TenantId tenant, String keyId) {}

  /** Claims of a verified session token. */
  public record SessionPrincipal(MeetingId meeting, ParticipantId participant, Role role, String displayName,
      TenantId tenant) {}

  public TokenService(Vertx vertx, byte[] signingKey, int apiTtlSeconds, int sessionTtlSeconds) {
    this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256")
            .setBuffer(Base64.getEncoder().encodeToString(signingKey)))
        .setJWTOptions(new JWTOptions().setIssuer(ISSUER).setLeeway(5)));
    this.apiTtlSeconds = apiTtlSeconds;
    this.sessionTtlSeconds = sessionTtlSeconds;
  }

  public int apiTtlSeconds() {
    return apiTtlSeconds;
  }

  public int sessionTtlSeconds() {
    return sessionTtlSeconds;
  }

  public String mintApiToken(TenantId tenant, String keyId) {
    return jwt.generateToken(new JsonObject().put("typ", "api").put("tenant", tenant.value()).put("sub", keyId),
        new JWTOptions().setAlgorithm("HS256").setIssuer(ISSUER).setExpiresInSeconds(apiTtlSeconds));
  }

  public String mintSessionToken(SessionPrincipal p) {
    return jwt.generateToken(new JsonObject().put("typ", "session").put("mid", p.meeting().value())
            .put("sub", p.participant().value()).put("role", p.role().wire()).put("name", p.displayName())
            .put("tenant", p.tenant().value()),
        new JWTOptions().setAlgorithm("HS256").setIssuer(ISSUER).setExpiresInSeconds(sessionTtlSeconds));
  }

  /** Verifies signature, issuer and expiry; fails with a 401 {@link ApiException} otherwise. */
  public Future<JsonObject> verify(String token) {
    if (token == null || token.isBlank() || token.length() > 4096) {
      return Future.failedFuture(ApiException.unauthorized("a valid bearer token is required"));
    }
    return jwt.authenticate(new TokenCredentials(token))
        .map(u -> u.principal())
        .recover(e -> Future.failedFuture(ApiException.unauthorized("the token is invalid or expired")));
  }

  public Future<ApiPrincipal> verifyApi(String token) {
    return verify(token).compose(c -> {
      if (!"api".equals(c.getString("typ"))) {
        return Future.failedFuture(new ApiException(403, "wrong-token-type", "an integrator token is required"));
      }
      return Future.succeededFuture(new ApiPrincipal(new TenantId(c.getString("tenant")), c.getString("sub")));
    });
  }

  public Future<SessionPrincipal> verifySession(String token) {
    return verify(token).compose(c -> {
      if (!"session".equals(c.getString("typ"))) {
        return Future.failedFuture(new ApiException(403, "wrong-token-type", "a session token is required"));
      }
      try {
        return Future.succeededFuture(new SessionPrincipal(new MeetingId(c.getString("mid")),
            new ParticipantId(c.getString("sub")), Role.parse(c.getString("role")).orElseThrow(),
            c.getString("name"), new TenantId(c.getString("tenant"))));
      } catch (RuntimeException e) {
        return Future.failedFuture(ApiException.unauthorized("the token is invalid"));
      }
    });
  }
}
