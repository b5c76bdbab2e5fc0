package dev.sidekick.runtime.gladly;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Gladly's budget of N requests per second per organization and method, as a sliding-window log of
 * granted slots: no window of one second ever holds more than N calls of one method, bursts up to N are
 * allowed, and a caller waits for the earliest free slot only if it comes before its deadline. Best-effort
 * callers (typing indicators) get a slot only when it is free now and a reserve is left for answers.
 */
final class RequestLimiter {
  // A little over a second, so that our window and Gladly's never disagree by clock skew.
  private static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(1050);

  private final int perSecond;
  private final int bestEffortReserve;
  private final Map<String, Window> windows = new HashMap<>();

  RequestLimiter(int perSecond) {
    this.perSecond = perSecond;
    this.bestEffortReserve = Math.max(1, perSecond / 5);
  }

  /** Waits for a slot; false when none comes before the deadline. A limit of 0 turns the limiter off. */
  boolean acquire(String method, Deadline deadline) {
    if (perSecond <= 0) {
      return true;
    }
    long slot;
    synchronized (this) {
      Window w = windows.computeIfAbsent(method, m -> new Window());
      long now = System.nanoTime();
      slot = w.nextSlot(now, perSecond);
      if (slot - now > deadline.remainingNanos()) {
        return false;
      }
      w.grant(slot);
    }
    long wait;
    while ((wait = slot - System.nanoTime()) > 0) {
      LockSupport.parkNanos(wait);
    }
    return true;
  }

  /** A slot right now that leaves room for answers, or nothing. */
  synchronized boolean tryAcquire(String method) {
    if (perSecond <= 0) {
      return true;
    }
    Window w = windows.computeIfAbsent(method, m -> new Window());
    long now = System.nanoTime();
    w.purge(now);
    if (w.pausedUntil > now || w.granted.size() + bestEffortReserve >= perSecond) {
      return false;
    }
    w.grant(now);
    return true;
  }

  /** After a 429: no call of this method before the pause is over. */
  synchronized void pause(String method, long nanos) {
    if (perSecond <= 0) {
      return;
    }
    Window w = windows.computeIfAbsent(method, m -> new Window());
    w.pausedUntil = Math.max(w.pausedUntil, System.nanoTime() + nanos);
  }

  private static final class Window {
    // Granted slot times, ascending (a granted slot is never earlier than the last one).
    final ArrayDeque<Long> granted = new ArrayDeque<>();
    long pausedUntil = Long.MIN_VALUE;

    void purge(long now) {
      while (!granted.isEmpty() && granted.peekFirst() <= now - WINDOW_NANOS) {
        granted.pollFirst();
      }
    }

    long nextSlot(long now, int perSecond) {
      purge(now);
      long slot = Math.max(now, pausedUntil);
      if (!granted.isEmpty()) {
        slot = Math.max(slot, granted.peekLast());
      }
      if (granted.size() >= perSecond) {
        // The N-th most recent grant must have left the window before the new slot.
        Long[] times = granted.toArray(new Long[0]);
        slot = Math.max(slot, times[times.length - perSecond] + WINDOW_NANOS);
      }
      return slot;
    }

    void grant(long slot) {
      granted.addLast(slot);
    }
  }
}
