package dev.sidekick.runtime.store;

import dev.sidekick.runtime.gladly.Deadline;
import dev.sidekick.runtime.gladly.SharedBudget;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Gladly's per-method budget as a sliding-window log in Redis ({@code prefix:budget:HOST:METHOD}, a sorted set of the
 * slots granted in the last 1.05 s by any replica, on Redis's clock), and a pause key set after a 429. Integrations of
 * one organization that share a key prefix share its budget.
 */
final class RedisBudget implements SharedBudget {
  // A little over a second, as the local limiter: our window and Gladly's never disagree by clock skew.
  private static final long WINDOW_MICROS = 1_050_000;
  private static final String TAKE = """
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
      local pausedUntil = tonumber(redis.call('GET', KEYS[2]) or '0')
      if pausedUntil > now then
        if ARGV[5] == '1' then return -1 end
        return pausedUntil - now
      end
      redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
      local n = redis.call('ZCARD', KEYS[1])
      if n + tonumber(ARGV[4]) < tonumber(ARGV[1]) then
        redis.call('ZADD', KEYS[1], now, ARGV[3])
        redis.call('PEXPIRE', KEYS[1], 2000)
        return 0
      end
      if ARGV[5] == '1' then return -1 end
      local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
      return math.max(1, tonumber(oldest[2]) + tonumber(ARGV[2]) - now)
      """;
  private static final String PAUSE = """
      local t = redis.call('TIME')
      local pausedUntil = tonumber(t[1]) * 1000000 + tonumber(t[2]) + tonumber(ARGV[1])
      local current = tonumber(redis.call('GET', KEYS[1]) or '0')
      if pausedUntil > current then redis.call('SET', KEYS[1], pausedUntil, 'PX', math.ceil(tonumber(ARGV[1]) / 1000) + 1) end
      return 1
      """;

  private final RedisConnection redis;
  private final int perSecond;
  private final String organization;
  private final AtomicLong grants = new AtomicLong();

  RedisBudget(RedisConnection redis, int perSecond, URI gladly) {
    this.redis = redis;
    this.perSecond = perSecond;
    this.organization = gladly.getHost() + (gladly.getPort() > 0 ? "_" + gladly.getPort() : "");
  }

  @Override
  public boolean acquire(String method, Deadline deadline) {
    if (perSecond <= 0) {
      return true;
    }
    while (true) {
      long waitMicros = take(method, 0, false);
      if (waitMicros == 0) {
        return true;
      }
      long waitNanos = TimeUnit.MICROSECONDS.toNanos(waitMicros);
      if (waitNanos > deadline.remainingNanos()) {
        return false;
      }
      LockSupport.parkNanos(waitNanos);
    }
  }

  @Override
  public boolean tryAcquire(String method, int reserve) {
    return perSecond <= 0 || take(method, reserve, true) == 0;
  }

  @Override
  public void pause(String method, long nanos) {
    if (perSecond > 0) {
      redis.eval(PAUSE, List.of(pauseKey(method)), TimeUnit.NANOSECONDS.toMicros(nanos));
    }
  }

  /**
   * 0 when a slot was taken (leaving {@code reserve} free); otherwise microseconds to wait, or -1 when {@code now}
   * (a best-effort caller, who does not wait).
   */
  private long take(String method, int reserve, boolean now) {
    String slot = redis.owner() + ":" + grants.incrementAndGet();
    return redis.eval(TAKE, List.of(redis.key("budget", organization, method), pauseKey(method)),
        perSecond, WINDOW_MICROS, slot, reserve, now ? "1" : "0").toLong();
  }

  private String pauseKey(String method) {
    return redis.key("budget", organization, method, "pause");
  }
}
