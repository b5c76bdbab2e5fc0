package dev.sidekick.runtime.dedupe;

import dev.sidekick.runtime.gladly.Deadline;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per automation session or conversation: its events are handled one at a time, in arrival
 * order (fair locks), while different sessions run in parallel. Unused locks are dropped.
 */
@ApplicationScoped
public class SessionLocks {
  private final ConcurrentHashMap<String, Holder> locks = new ConcurrentHashMap<>();

  /** The lock, held until closed; empty when it cannot be had before the deadline. */
  public Optional<Held> lock(String key, Deadline deadline) throws InterruptedException {
    Holder holder = locks.compute(key, (k, h) -> {
      Holder x = h == null ? new Holder() : h;
      x.users++;
      return x;
    });
    boolean locked = false;
    try {
      locked = holder.lock.tryLock(Math.max(0, deadline.remainingNanos()), TimeUnit.NANOSECONDS);
    } finally {
      if (!locked) {
        unuse(key);
      }
    }
    return locked ? Optional.of(new Held(this, key, holder)) : Optional.empty();
  }

  int size() {
    return locks.size();
  }

  private void unuse(String key) {
    locks.computeIfPresent(key, (k, h) -> --h.users == 0 ? null : h);
  }

  /** A held lock; closing releases it. */
  public static final class Held implements AutoCloseable {
    private final SessionLocks owner;
    private final String key;
    private final Holder holder;

    private Held(SessionLocks owner, String key, Holder holder) {
      this.owner = owner;
      this.key = key;
      this.holder = holder;
    }

    @Override
    public void close() {
      holder.lock.unlock();
      owner.unuse(key);
    }
  }

  private static final class Holder {
    final ReentrantLock lock = new ReentrantLock(true);
    int users;
  }
}
