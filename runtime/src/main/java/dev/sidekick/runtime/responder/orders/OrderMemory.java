package dev.sidekick.runtime.responder.orders;

import java.time.Duration;
import java.util.Optional;

/**
 * Each conversation's {@link OrderState}, between its messages: in this process for one replica
 * ({@link InMemoryOrderMemory}), in the shared store for several ({@code store.RedisOrderMemory}). Kept a day after
 * the last change, as long as a customer comes back to a conversation; then a conversation starts afresh.
 */
public interface OrderMemory {
  Duration KEEP = Duration.ofHours(24);

  Optional<String> recall(String conversation);

  void keep(String conversation, String state);
}
