package dev.sidekick.operator.gladly;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gladly's budget of one organization: N requests per second per HTTP method (API.md §1.3), shared by every
 * integration of that organization. A sliding one-second window; callers wait for their slot.
 */
public final class OrganizationLimiter {
  private static final long WINDOW_NANOS = 1_000_000_000L;
  private final int perSecond;
  private final Map<String, ArrayDeque<Long>> slotsByMethod = new ConcurrentHashMap<>();

  public OrganizationLimiter(int perSecond) {
    this.perSecond = Math.max(1, perSecond);
  }

  public void acquire(String method) throws InterruptedException {
    long slot = reserve(method);
    long wait = slot - System.nanoTime();
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
    }
  }

  private long reserve(String method) {
    ArrayDeque<Long> slots = slotsByMethod.computeIfAbsent(method, m -> new ArrayDeque<>());
    synchronized (slots) {
      long now = System.nanoTime();
      long slot = now;
      if (slots.size() >= perSecond) {
        slot = Math.max(now, slots.pollFirst() + WINDOW_NANOS);
      }
      slots.addLast(slot);
      return slot;
    }
  }
}
