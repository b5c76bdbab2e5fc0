package dev.sidekick.runtime.store;

import dev.sidekick.runtime.catchup.CatchUpMarks;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Catch-up's marks shared by the replicas: {@code prefix:catchup:last} (a hash of epoch milliseconds per endpoint and
 * channel), {@code prefix:catchup:covered}, and {@code prefix:catchup:turn}, a lease renewed while a replica catches up
 * (a replica that dies gives the turn up when the lease runs out).
 */
final class RedisCatchUpMarks implements CatchUpMarks {
  private static final Duration TURN_LEASE = Duration.ofSeconds(60);
  private static final String MAX_FIELD = """
      local old = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
      if tonumber(ARGV[2]) > old then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end
      return 1
      """;
  private static final String MAX_KEY = """
      local old = tonumber(redis.call('GET', KEYS[1]) or '0')
      if tonumber(ARGV[1]) > old then redis.call('SET', KEYS[1], ARGV[1]) end
      return 1
      """;
  private static final String RENEW = """
      if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
      return 0
      """;
  private static final String GIVE_UP = """
      if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
      return 0
      """;

  private final RedisConnection redis;
  private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "sidekick-catch-up-lease");
    t.setDaemon(true);
    return t;
  });

  RedisCatchUpMarks(RedisConnection redis) {
    this.redis = redis;
  }

  @Override
  public void handled(String channel, Instant at) {
    redis.eval(MAX_FIELD, List.of(redis.key("catchup", "last")), channel, at.toEpochMilli());
  }

  @Override
  public Optional<Instant> lastHandled(String channel) {
    return instant(redis.send(Command.HGET, redis.key("catchup", "last"), channel));
  }

  @Override
  public void covered(Instant until) {
    redis.eval(MAX_KEY, List.of(redis.key("catchup", "covered")), until.toEpochMilli());
  }

  @Override
  public Optional<Instant> coveredUntil() {
    return instant(redis.send(Command.GET, redis.key("catchup", "covered")));
  }

  @Override
  public boolean exclusively(Duration wait, Runnable job) throws InterruptedException {
    String turn = redis.key("catchup", "turn");
    long end = System.nanoTime() + wait.toNanos();
    while (redis.send(Command.SET, turn, redis.owner(), "NX", "PX", TURN_LEASE.toMillis()) == null) {
      if (System.nanoTime() > end) {
        return false;
      }
      TimeUnit.SECONDS.sleep(1);
    }
    ScheduledFuture<?> renewal = renewals.scheduleAtFixedRate(
        () -> {
          try {
            redis.eval(RENEW, List.of(turn), redis.owner(), TURN_LEASE.toMillis());
          } catch (StoreUnavailable e) {
            // the next renewal tries again; the lease outlives two misses
          }
        },
        TURN_LEASE.toMillis() / 3, TURN_LEASE.toMillis() / 3, TimeUnit.MILLISECONDS);
    try {
      job.run();
      return true;
    } finally {
      renewal.cancel(false);
      try {
        redis.eval(GIVE_UP, List.of(turn), redis.owner());
      } catch (StoreUnavailable e) {
        // the lease runs out by itself
      }
    }
  }

  private static Optional<Instant> instant(Response r) {
    return r == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(r.toLong()));
  }
}
