package dev.sidekick.runtime.store;

import dev.sidekick.runtime.dedupe.InMemorySessionLocks;
import dev.sidekick.runtime.dedupe.SessionLocks;
import dev.sidekick.runtime.gladly.Deadline;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Session locks across replicas: first this process's fair lock (so local waiters queue in arrival order and only one
 * of them polls Redis), then a Redis lock ({@code prefix:lock:KEY}) named after this replica and leased, so that a
 * replica that dies never blocks a session for longer than the lease.
 */
final class RedisSessionLocks implements SessionLocks {
  // Taken, or already this replica's (its own earlier try, whose answer was lost on the way; locally it is one thread).
  private static final String LOCK = """
      if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
      if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
      return 0
      """;
  private static final String UNLOCK = """
      if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
      return 0
      """;
  private static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
  private static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final InMemorySessionLocks local = new InMemorySessionLocks();
  private final RedisConnection redis;
  private final Duration lease;

  RedisSessionLocks(RedisConnection redis, Duration lease) {
    this.redis = redis;
    this.lease = lease;
  }

  @Override
  public Optional<Held> lock(String key, Deadline deadline) throws InterruptedException {
    Optional<Held> mine = local.lock(key, deadline);
    if (mine.isEmpty()) {
      return mine;
    }
    String redisKey = redis.key("lock", key);
    long pause = FIRST_PAUSE_NANOS;
    try {
      while (true) {
        if (redis.eval(LOCK, List.of(redisKey), redis.owner(), lease.toMillis()).toInteger() == 1) {
          Held localHeld = mine.get();
          return Optional.of(() -> {
            try {
              redis.eval(UNLOCK, List.of(redisKey), redis.owner());
            } finally {
              localHeld.close();
            }
          });
        }
        if (deadline.remainingNanos() <= pause) {
          mine.get().close();
          return Optional.empty();
        }
        TimeUnit.NANOSECONDS.sleep(pause);
        pause = Math.min(MAX_PAUSE_NANOS, pause * 2);
      }
    } catch (RuntimeException | InterruptedException e) {
      mine.get().close();
      throw e;
    }
  }
}
