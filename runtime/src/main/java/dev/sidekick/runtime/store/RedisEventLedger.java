package dev.sidekick.runtime.store;

import dev.sidekick.runtime.dedupe.EventLedger;
import dev.sidekick.runtime.dedupe.EventProgress;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ledger shared by every replica. Per event a hash ({@code prefix:event:ID}: attempts, steps started and done,
 * facts, the decision, finished) kept 3 hours (longer than Gladly's retry schedule), and a lease
 * ({@code prefix:lease:ID}) held by the replica handling it, which expires on its own if that replica dies, before
 * Gladly's first redelivery (30 s). {@code prefix:since} says when this Redis began to remember: a Redis that lost its
 * data (restarted without persistence) starts again, and the events recorded before are checked in Gladly.
 */
final class RedisEventLedger implements EventLedger {
  static final Duration KEEP = Duration.ofHours(3);
  private static final String CLAIM = """
      local t = redis.call('TIME')
      redis.call('SET', KEYS[3], tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000), 'NX')
      if redis.call('HGET', KEYS[1], 'finished') then return {'duplicate'} end
      if not redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then
        -- held by this replica: its own earlier try, whose answer was lost on the way
        if redis.call('GET', KEYS[2]) ~= ARGV[1] then return {'busy'} end
        redis.call('PEXPIRE', KEYS[2], ARGV[2])
      end
      redis.call('HINCRBY', KEYS[1], 'attempts', 1)
      redis.call('EXPIRE', KEYS[1], ARGV[3])
      local all = redis.call('HGETALL', KEYS[1])
      table.insert(all, 1, redis.call('GET', KEYS[3]))
      table.insert(all, 1, 'granted')
      return all
      """;
  private static final String FINISH = """
      redis.call('DEL', KEYS[1])
      redis.call('HSET', KEYS[1], 'finished', '1')
      redis.call('EXPIRE', KEYS[1], ARGV[2])
      if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
      return 1
      """;
  private static final String RELEASE = """
      if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
      return 1
      """;

  private final RedisConnection redis;
  private final ReplyCodec replies;
  private final Duration lease;

  /** @param lease how long a claim holds without its replica: over an event's deadline, under Gladly's 30 s */
  RedisEventLedger(RedisConnection redis, ReplyCodec replies, Duration lease) {
    this.redis = redis;
    this.replies = replies;
    this.lease = lease;
  }

  @Override
  public Claim claim(String eventId) {
    // prefix:since: when this Redis began to remember (set again after it lost its data)
    Response r = redis.eval(CLAIM, List.of(event(eventId), leaseKey(eventId), redis.key("since")), redis.owner(),
        lease.toMillis(), KEEP.toSeconds());
    String answer = r.get(0).toString();
    if (answer.equals("duplicate")) {
      return new Claim.Duplicate();
    }
    if (answer.equals("busy")) {
      return new Claim.Busy();
    }
    int attempts = 1;
    Set<String> done = new HashSet<>();
    Set<String> started = new HashSet<>();
    Map<String, String> facts = new HashMap<>();
    Object decision = null;
    Instant since = Instant.ofEpochMilli(Long.parseLong(r.get(1).toString()));
    for (int i = 2; i + 1 < r.size(); i += 2) {
      String field = r.get(i).toString();
      String value = r.get(i + 1).toString();
      if (field.equals("attempts")) {
        attempts = Integer.parseInt(value);
      } else if (field.startsWith("done:")) {
        done.add(field.substring(5));
      } else if (field.startsWith("started:")) {
        started.add(field.substring(8));
      } else if (field.startsWith("fact:")) {
        facts.put(field.substring(5), value);
      } else if (field.equals("decision")) {
        decision = replies.decode(value);
      }
    }
    return new Claim.Granted(
        EventProgress.restored(attempts, done, started, facts, decision, new Journal(event(eventId))), since);
  }

  @Override
  public void finish(String eventId) {
    redis.eval(FINISH, List.of(event(eventId), leaseKey(eventId)), redis.owner(), KEEP.toSeconds());
  }

  @Override
  public void release(String eventId) {
    redis.eval(RELEASE, List.of(leaseKey(eventId)), redis.owner());
  }

  private String event(String id) {
    return redis.key("event", id);
  }

  private String leaseKey(String id) {
    return redis.key("lease", id);
  }

  /** Every change of an event's progress, written through to its hash. */
  private final class Journal implements EventProgress.Journal {
    private final String key;

    Journal(String key) {
      this.key = key;
    }

    @Override
    public void started(String step) {
      redis.send(Command.HSET, key, "started:" + step, "1");
    }

    @Override
    public void done(String step) {
      redis.send(Command.HSET, key, "done:" + step, "1");
    }

    @Override
    public void notSent(String step) {
      redis.send(Command.HDEL, key, "started:" + step);
    }

    @Override
    public void fact(String k, String value) {
      redis.send(Command.HSET, key, "fact:" + k, value);
    }

    @Override
    public void decision(Object decision, Map<String, String> facts) {
      // one command: the decision and its facts land together or not at all
      List<Object> args = new java.util.ArrayList<>(List.of(key, "decision", replies.encode(decision)));
      facts.forEach((k, v) -> {
        args.add("fact:" + k);
        args.add(v);
      });
      redis.send(Command.HSET, args.toArray());
    }
  }
}
