package dev.sidekick.runtime.store;

import dev.sidekick.runtime.responder.orders.OrderMemory;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Response;
import java.util.Optional;

/** The order memory shared by every replica: a key per conversation, kept a day after its last change. */
final class RedisOrderMemory implements OrderMemory {
  private final RedisConnection redis;

  RedisOrderMemory(RedisConnection redis) {
    this.redis = redis;
  }

  @Override
  public Optional<String> recall(String conversation) {
    Response r = redis.send(Command.GET, redis.key("orders", conversation));
    return r == null ? Optional.empty() : Optional.of(r.toString());
  }

  @Override
  public void keep(String conversation, String state) {
    redis.send(Command.SET, redis.key("orders", conversation), state, "EX", KEEP.toSeconds());
  }
}
