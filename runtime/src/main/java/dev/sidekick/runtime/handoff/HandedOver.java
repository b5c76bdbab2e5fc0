package dev.sidekick.runtime.handoff;

/**
 * What Sidekick is done with, so that it never answers it again: sessions and conversations it let go of (handed to a
 * human or closed; Gladly's hand-off topic says the same across replicas and restarts, this memory covers an
 * organization without that topic and the moments before Gladly shows it), and customer messages it handled
 * ({@code message:ID}: one message comes under two event ids, Gladly's delivery and catch-up's copy). Kept 24 hours: in this process for one replica
 * ({@link InMemoryHandedOver}), in Redis for several ({@code store.RedisHandedOver}).
 */
public interface HandedOver {
  void add(String key);

  void remove(String key);

  boolean contains(String key);
}
