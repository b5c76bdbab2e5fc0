package dev.sidekick.runtime.catchup;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/** The marks of one replica: lost on restart, so a restarted process looks back as far as configured. */
public final class InMemoryCatchUpMarks implements CatchUpMarks {
  private final Map<String, Instant> last = new ConcurrentHashMap<>();
  private final ReentrantLock turn = new ReentrantLock();
  private volatile Instant covered;

  @Override
  public void handled(String channel, Instant at) {
    last.merge(channel, at, (a, b) -> a.isAfter(b) ? a : b);
  }

  @Override
  public Optional<Instant> lastHandled(String channel) {
    return Optional.ofNullable(last.get(channel));
  }

  @Override
  public synchronized void covered(Instant until) {
    if (covered == null || until.isAfter(covered)) {
      covered = until;
    }
  }

  @Override
  public Optional<Instant> coveredUntil() {
    return Optional.ofNullable(covered);
  }

  @Override
  public boolean exclusively(Duration wait, Runnable job) throws InterruptedException {
    if (!turn.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) {
      return false;
    }
    try {
      job.run();
      return true;
    } finally {
      turn.unlock();
    }
  }
}
