package io.confero.api;

import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Command;
import java.util.function.LongSupplier;

/**
 * Cluster-wide rate limiter on Redis: {@code INCR} of a per-client, per-minute key that expires
 * after the window. When Redis is unreachable the request is allowed (fail open) rather than
 * taking the API down with it.
 */
public final class RedisRateLimiter implements RateLimiter {
  private final Redis redis;
  private final int perMinute;
  private final LongSupplier clockMillis;

  public RedisRateLimiter(Redis redis, int perMinute, LongSupplier clockMillis) {
    this.redis = redis;
    this.perMinute = perMinute;
    this.clockMillis = clockMillis;
  }

  @Override
  public Future<Boolean> tryAcquire(String client) {
    String key = "confero:rl:" + client + ":" + clockMillis.getAsLong() / 60_000;
    return redis.send(Request.cmd(Command.INCR).arg(key)).compose(r -> {
      long n = r.toLong();
      Future<?> expire = n == 1 ? redis.send(Request.cmd(Command.EXPIRE).arg(key).arg(61)) : Future.succeededFuture();
      return expire.map(x -> n <= perMinute);
    }).recover(e -> Future.succeededFuture(true));
  }
}
