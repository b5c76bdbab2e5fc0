package dev.sidekick.runtime.store;

import dev.sidekick.runtime.dedupe.HandledMessages;
import io.vertx.mutiny.redis.client.Command;
import java.time.Duration;

/** The handled messages of every replica: a key per message id, kept 24 hours. */
final class RedisHandledMessages implements HandledMessages {
  static final Duration KEEP = Duration.ofHours(24);
  private final RedisConnection redis;

  RedisHandledMessages(RedisConnection redis) {
    this.redis = redis;
  }

  @Override
  public void add(String messageId) {
    redis.send(Command.SET, redis.key("message", messageId), "1", "EX", KEEP.toSeconds());
  }

  @Override
  public boolean contains(String messageId) {
    return redis.send(Command.EXISTS, redis.key("message", messageId)).toInteger() == 1;
  }
}
