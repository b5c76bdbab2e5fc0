package dev.sidekick.runtime.store;

import dev.sidekick.runtime.outcomes.Resolutions;
import io.vertx.mutiny.redis.client.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The answered conversations under watch, shared by every replica: a sorted set of conversations by due time
 * ({@code prefix:resolutions:due}) and a hash of what each watch counts under ({@code prefix:resolutions:watch}).
 * Ending or claiming a watch removes it in one script, so each watch is counted by one replica once.
 */
final class RedisResolutions implements Resolutions {
  // a watch nobody claimed (every replica gone for longer) is dropped a week after it was due, uncounted
  private static final Duration KEEP = Duration.ofDays(7);
  private static final String WATCH = """
      redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
      redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
      redis.call('PEXPIRE', KEYS[1], ARGV[4])
      redis.call('PEXPIRE', KEYS[2], ARGV[4])
      return 1
      """;
  private static final String END = """
      if redis.call('ZREM', KEYS[1], ARGV[1]) == 0 then return false end
      local v = redis.call('HGET', KEYS[2], ARGV[1])
      redis.call('HDEL', KEYS[2], ARGV[1])
      return v
      """;
  private static final String CLAIM = """
      local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
      local out = {}
      for _, c in ipairs(due) do
        redis.call('ZREM', KEYS[1], c)
        local v = redis.call('HGET', KEYS[2], c)
        redis.call('HDEL', KEYS[2], c)
        if v then table.insert(out, c); table.insert(out, v) end
      end
      return out
      """;

  private final RedisConnection redis;

  RedisResolutions(RedisConnection redis) {
    this.redis = redis;
  }

  @Override
  public void watch(Watch w) {
    long keep = Duration.between(Instant.now(), w.due()).plus(KEEP).toMillis();
    redis.eval(WATCH, keys(), w.conversation(), w.due().toEpochMilli(), encode(w), Math.max(keep, KEEP.toMillis()));
  }

  @Override
  public Optional<Watch> end(String conversation) {
    Response r = redis.eval(END, keys(), conversation);
    return r == null ? Optional.empty() : Optional.of(decode(conversation, r.toString()));
  }

  @Override
  public List<Watch> claimDue(Instant now, int max) {
    Response r = redis.eval(CLAIM, keys(), now.toEpochMilli(), max);
    List<Watch> due = new ArrayList<>();
    for (int i = 0; r != null && i + 1 < r.size(); i += 2) {
      due.add(decode(r.get(i).toString(), r.get(i + 1).toString()));
    }
    return due;
  }

  private List<String> keys() {
    return List.of(redis.key("resolutions", "due"), redis.key("resolutions", "watch"));
  }

  // endpoint names are DNS labels and channels plain words: a tab never occurs in either
  private static String encode(Watch w) {
    return w.endpoint() + "\t" + w.channel() + "\t" + w.due().toEpochMilli();
  }

  private static Watch decode(String conversation, String value) {
    String[] f = value.split("\t", 3);
    return new Watch(conversation, f[0], f[1], Instant.ofEpochMilli(Long.parseLong(f[2])));
  }
}
