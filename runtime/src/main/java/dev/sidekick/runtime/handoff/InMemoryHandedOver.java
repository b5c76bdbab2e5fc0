package dev.sidekick.runtime.handoff;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The hand-off memory of one replica: bounded and expiring. */
public final class InMemoryHandedOver implements HandedOver {
  static final int MAX = 100_000;
  static final Duration KEEP = Duration.ofHours(24);

  private final LinkedHashMap<String, Long> released =
      new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
          return size() > MAX || System.nanoTime() - eldest.getValue() > KEEP.toNanos();
        }
      };

  @Override
  public synchronized void add(String key) {
    released.put(key, System.nanoTime());
  }

  @Override
  public synchronized void remove(String key) {
    released.remove(key);
  }

  @Override
  public synchronized boolean contains(String key) {
    Long at = released.get(key);
    return at != null && System.nanoTime() - at <= KEEP.toNanos();
  }
}
