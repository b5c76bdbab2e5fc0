package dev.sidekick.runtime.dedupe;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sessions and conversations Sidekick let go of (handed to a human or closed), so that it never answers
 * them again. Gladly's hand-off topic says the same across replicas and restarts; this memory covers an
 * organization without that topic and the moments before Gladly shows it. Bounded and expiring.
 */
@ApplicationScoped
public class HandedOver {
  static final int MAX = 100_000;
  static final Duration KEEP = Duration.ofHours(24);

  private final LinkedHashMap<String, Long> released =
      new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
          return size() > MAX || System.nanoTime() - eldest.getValue() > KEEP.toNanos();
        }
      };

  public synchronized void add(String key) {
    released.put(key, System.nanoTime());
  }

  public synchronized void remove(String key) {
    released.remove(key);
  }

  public synchronized boolean contains(String key) {
    Long at = released.get(key);
    return at != null && System.nanoTime() - at <= KEEP.toNanos();
  }
}
