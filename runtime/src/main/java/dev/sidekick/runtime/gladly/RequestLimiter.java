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
 *
 * <p>Gladly's budget is the organization's, shared with every other client of it, so ours may be too big:
 * a 429 halves this method's allowance (once per window, however many calls of the burst come back 429) and
 * each second without one gives a call back, up to N (additive increase, multiplicative decrease).
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
    while (true) {
      long slot;
      synchronized (this) {
        Window w = window(method);
        long now = System.nanoTime();
        slot = w.nextSlot(now);
        if (slot - now > deadline.remainingNanos()) {
          return false;
        }
        w.grant(slot);
      }
      long wait;
      while ((wait = slot - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      synchronized (this) {
        // A 429 may have paused the method while this caller waited: then its slot is void.
        if (window(method).pausedUntil <= System.nanoTime()) {
          return true;
        }
      }
    }
  }

  /** The slots of a window best-effort calls leave to answers. */
  int bestEffortReserve() {
    return bestEffortReserve;
  }

  /** A slot right now that leaves room for answers, or nothing. */
  synchronized boolean tryAcquire(String method) {
    if (perSecond <= 0) {
      return true;
    }
    Window w = window(method);
    long now = System.nanoTime();
    w.purge(now);
    w.recover(now);
    if (w.pausedUntil > now || w.granted.size() + bestEffortReserve >= w.allowance) {
      return false;
    }
    w.grant(now);
    return true;
  }

  /** Gladly said the budget is spent for now: no call of this method before the pause is over. */
  synchronized void pause(String method, long nanos) {
    if (perSecond <= 0) {
      return;
    }
    Window w = window(method);
    w.pausedUntil = Math.max(w.pausedUntil, System.nanoTime() + nanos);
  }

  /** After a 429: pause, and halve this method's allowance (once per window). */
  synchronized void rateLimited(String method, long pauseNanos) {
    if (perSecond <= 0) {
      return;
    }
    pause(method, pauseNanos);
    window(method).decrease(System.nanoTime());
  }

  /** Calls of this method allowed per window now (N unless Gladly answered 429 lately); for tests and logs. */
  synchronized int allowance(String method) {
    return perSecond <= 0 ? Integer.MAX_VALUE : window(method).allowance;
  }

  private Window window(String method) {
    return windows.computeIfAbsent(method, m -> new Window(perSecond));
  }

  private static final class Window {
    final int max;
    // Granted slot times, ascending (a granted slot is never earlier than the last one).
    final ArrayDeque<Long> granted = new ArrayDeque<>();
    long pausedUntil = Long.MIN_VALUE;
    int allowance;
    long lastChange;

    Window(int max) {
      this.max = max;
      this.allowance = max;
      this.lastChange = System.nanoTime() - WINDOW_NANOS;
    }

    void decrease(long now) {
      if (now - lastChange >= WINDOW_NANOS || allowance == max) {
        allowance = Math.max(1, allowance / 2);
        lastChange = now;
      }
    }

    /** One call back per window without a 429. */
    void recover(long now) {
      if (allowance < max && now - lastChange >= WINDOW_NANOS) {
        long windows = (now - lastChange) / WINDOW_NANOS;
        allowance = (int) Math.min(max, allowance + windows);
        lastChange = now;
      }
    }

    void purge(long now) {
      while (!granted.isEmpty() && granted.peekFirst() <= now - WINDOW_NANOS) {
        granted.pollFirst();
      }
    }

    long nextSlot(long now) {
      purge(now);
      recover(now);
      long slot = Math.max(now, pausedUntil);
      if (!granted.isEmpty()) {
        slot = Math.max(slot, granted.peekLast());
      }
      if (granted.size() >= allowance) {
        // The allowance-th most recent grant must have left the window before the new slot.
        Long[] times = granted.toArray(new Long[0]);
        slot = Math.max(slot, times[times.length - allowance] + WINDOW_NANOS);
      }
      return slot;
    }

    void grant(long slot) {
      granted.addLast(slot);
    }
  }
}
