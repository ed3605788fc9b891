package io.confero.store;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;

/** Server-wide secrets generated once and shared by all members through the database. */
public final class SecretRepository {
  private final Pool pool;
  private final SecureRandom random;

  public SecretRepository(Pool pool, SecureRandom random) {
    this.pool = pool;
    this.random = random;
  }

  /** The named secret, generating and storing {@code bytes} random bytes on first use. */
  public Future<byte[]> getOrCreate(String name, int bytes) {
    byte[] fresh = new byte[bytes];
    random.nextBytes(fresh);
    return pool.preparedQuery("INSERT INTO server_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING")
        .execute(Tuple.of(name, Buffer.buffer(fresh)))
        .compose(x -> pool.preparedQuery("SELECT value FROM server_secrets WHERE name = $1").execute(Tuple.of(name)))
        .map(rows -> rows.iterator().next().getBuffer("value").getBytes());
  }
}
