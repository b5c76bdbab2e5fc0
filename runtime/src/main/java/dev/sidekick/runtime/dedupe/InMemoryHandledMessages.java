package dev.sidekick.runtime.dedupe;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The handled messages of one replica: bounded and expiring. */
public final class InMemoryHandledMessages implements HandledMessages {
  static final int MAX = 100_000;
  static final Duration KEEP = Duration.ofHours(24);

  private final LinkedHashMap<String, Long> handled =
      new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
          return size() > MAX || System.nanoTime() - eldest.getValue() > KEEP.toNanos();
        }
      };

  @Override
  public synchronized void add(String messageId) {
    handled.put(messageId, System.nanoTime());
  }

  @Override
  public synchronized boolean contains(String messageId) {
    Long at = handled.get(messageId);
    return at != null && System.nanoTime() - at <= KEEP.toNanos();
  }
}
