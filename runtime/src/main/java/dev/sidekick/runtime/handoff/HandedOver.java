package dev.sidekick.runtime.handoff;

/**
 * Sessions and conversations Sidekick let go of (handed to a human or closed), so that it never answers them again.
 * Gladly's hand-off topic says the same across replicas and restarts; this memory covers an organization without that
 * topic and the moments before Gladly shows it. Kept 24 hours: in this process for one replica
 * ({@link InMemoryHandedOver}), in Redis for several ({@code store.RedisHandedOver}).
 */
public interface HandedOver {
  void add(String key);

  void remove(String key);

  boolean contains(String key);
}
