package io.confero.store;

import io.confero.meeting.TenantId;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * Integrator API keys. Only a salted SHA-256 of each secret is stored (secrets are 32 random bytes,
 * so a fast hash is sound); the secret itself is shown once, when created.
 */
public final class ApiKeyRepository {
  private final Pool pool;
  private final SecureRandom random;

  public ApiKeyRepository(Pool pool, SecureRandom random) {
    this.pool = pool;
    this.random = random;
  }

  /** A freshly created key with its secret in clear (never stored). */
  public record CreatedKey(String keyId, String secret, TenantId tenant) {
    @Override
    public String toString() {
      return "CreatedKey[keyId=" + keyId + ", tenant=" + tenant + ", secret=***]";
    }
  }

  public Future<CreatedKey> create(TenantId tenant) {
    String keyId = "ck_" + Tokens.randomToken(random, 12);
    String secret = "cs_" + Tokens.randomToken(random, 32);
    return put(tenant, keyId, secret).map(v -> new CreatedKey(keyId, secret, tenant));
  }

  /** Stores (or replaces) a key with a given secret: the bootstrap pair from configuration. */
  public Future<Void> put(TenantId tenant, String keyId, String secret) {
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    return pool.withTransaction(c -> c.preparedQuery("INSERT INTO tenants (tenant_id) VALUES ($1) ON CONFLICT DO NOTHING")
        .execute(Tuple.of(tenant.value()))
        .compose(x -> c.preparedQuery("INSERT INTO api_keys (key_id, tenant_id, secret_salt, secret_hash) VALUES ($1,$2,$3,$4)"
                + " ON CONFLICT (key_id) DO UPDATE SET tenant_id=$2, secret_salt=$3, secret_hash=$4, revoked_at=NULL")
            .execute(Tuple.of(keyId, tenant.value(), Buffer.buffer(salt), Buffer.buffer(hash(salt, secret))))))
        .mapEmpty();
  }

  /** Creates the tenant unless it exists (the tenant the home page creates meetings in). */
  public Future<Void> ensureTenant(TenantId tenant) {
    return pool.preparedQuery("INSERT INTO tenants (tenant_id) VALUES ($1) ON CONFLICT DO NOTHING")
        .execute(Tuple.of(tenant.value())).mapEmpty();
  }

  public Future<Boolean> any() {
    return pool.query("SELECT 1 FROM api_keys WHERE revoked_at IS NULL LIMIT 1").execute().map(r -> r.size() > 0);
  }

  /** The key's tenant when the secret matches and the key is not revoked. */
  public Future<Optional<TenantId>> verify(String keyId, String secret) {
    return pool.preparedQuery("SELECT tenant_id, secret_salt, secret_hash FROM api_keys WHERE key_id=$1 AND revoked_at IS NULL")
        .execute(Tuple.of(keyId)).map(rows -> {
          var it = rows.iterator();
          if (!it.hasNext()) {
            hash(new byte[16], secret);
            return Optional.empty();
          }
          Row r = it.next();
          byte[] expected = r.getBuffer("secret_hash").getBytes();
          byte[] actual = hash(r.getBuffer("secret_salt").getBytes(), secret);
          return MessageDigest.isEqual(expected, actual)
              ? Optional.of(new TenantId(r.getString("tenant_id"))) : Optional.empty();
        });
  }

  static byte[] hash(byte[] salt, String secret) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(salt);
      return md.digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
