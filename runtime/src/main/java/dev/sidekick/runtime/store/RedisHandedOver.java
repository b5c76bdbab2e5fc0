package dev.sidekick.runtime.store;

import dev.sidekick.runtime.handoff.HandedOver;
import io.vertx.mutiny.redis.client.Command;
import java.time.Duration;

/** The hand-off memory shared by every replica: a key per session or conversation, kept 24 hours. */
final class RedisHandedOver implements HandedOver {
  static final Duration KEEP = Duration.ofHours(24);
  private final RedisConnection redis;

  RedisHandedOver(RedisConnection redis) {
    this.redis = redis;
  }

  @Override
  public void add(String key) {
    redis.send(Command.SET, redis.key("handedover", key), "1", "EX", KEEP.toSeconds());
  }

  @Override
  public void remove(String key) {
    redis.send(Command.DEL, redis.key("handedover", key));
  }

  @Override
  public boolean contains(String key) {
    return redis.send(Command.EXISTS, redis.key("handedover", key)).toInteger() == 1;
  }
}
