package dev.sidekick.gladlysim.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The simulated clock: wall time plus whatever tests {@link #advance(Duration) advanced}. Webhook retries and the
 * automation idle timeout are scheduled on it, so a test can jump an hour ahead without waiting for it.
 */
public final class SimClock implements Supplier<Instant> {
  private record Task(Instant due, long order, Runnable action) {}

  private final AtomicLong offsetMillis = new AtomicLong();
  private final AtomicLong order = new AtomicLong();
  private final PriorityQueue<Task> tasks =
      new PriorityQueue<>((a, b) -> a.due.equals(b.due) ? Long.compare(a.order, b.order) : a.due.compareTo(b.due));
  private final List<Runnable> tickListeners = new CopyOnWriteArrayList<>();

  public Instant now() {
    return Instant.ofEpochMilli(System.currentTimeMillis() + offsetMillis.get());
  }

  @Override
  public Instant get() {
    return now();
  }

  /** Moves time forward and runs everything that fell due: retries, idle closes. */
  public void advance(Duration duration) {
    if (duration.isNegative()) throw new IllegalArgumentException("the clock only moves forward");
    offsetMillis.addAndGet(duration.toMillis());
    runDue();
  }

  public void schedule(Instant due, Runnable action) {
    synchronized (tasks) {
      tasks.add(new Task(due, order.incrementAndGet(), action));
    }
  }

  /** Scheduled actions not run yet (for example retries waiting for their time). */
  public int pending() {
    synchronized (tasks) {
      return tasks.size();
    }
  }

  public void onTick(Runnable listener) {
    tickListeners.add(listener);
  }

  /** Runs due actions; called on advance and once a second by the simulator. */
  public void runDue() {
    Instant now = now();
    List<Task> due = new ArrayList<>();
    synchronized (tasks) {
      while (!tasks.isEmpty() && !tasks.peek().due.isAfter(now)) {
        due.add(tasks.poll());
      }
    }
    due.forEach(t -> t.action.run());
    tickListeners.forEach(Runnable::run);
  }

  public void reset() {
    offsetMillis.set(0);
    synchronized (tasks) {
      tasks.clear();
    }
  }
}
