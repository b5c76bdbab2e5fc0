package dev.sidekick.runtime.dedupe;

import dev.sidekick.runtime.gladly.Deadline;
import java.util.Optional;

/**
 * One lock per automation session or conversation: its events are handled one at a time, while different sessions run
 * in parallel. In this process for one replica ({@link InMemorySessionLocks}), across replicas through Redis
 * ({@code store.RedisSessionLocks}).
 */
public interface SessionLocks {

  /** The lock, held until closed; empty when it cannot be had before the deadline. */
  Optional<Held> lock(String key, Deadline deadline) throws InterruptedException;

  /** A held lock; closing releases it. */
  interface Held extends AutoCloseable {
    @Override
    void close();
  }
}
