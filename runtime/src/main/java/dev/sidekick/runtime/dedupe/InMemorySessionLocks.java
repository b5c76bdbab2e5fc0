package dev.sidekick.runtime.dedupe;

import dev.sidekick.runtime.gladly.Deadline;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/** The session locks of one replica: fair locks (arrival order), dropped when unused. */
public final class InMemorySessionLocks implements SessionLocks {
  private final ConcurrentHashMap<String, Holder> locks = new ConcurrentHashMap<>();

  @Override
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
    return locked ? Optional.of(new LocalHeld(this, key, holder)) : Optional.empty();
  }

  int size() {
    return locks.size();
  }

  private void unuse(String key) {
    locks.computeIfPresent(key, (k, h) -> --h.users == 0 ? null : h);
  }

  private static final class LocalHeld implements Held {
    private final InMemorySessionLocks owner;
    private final String key;
    private final Holder holder;

    private LocalHeld(InMemorySessionLocks owner, String key, Holder holder) {
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
