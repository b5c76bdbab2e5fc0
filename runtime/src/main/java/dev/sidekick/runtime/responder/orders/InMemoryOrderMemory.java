package dev.sidekick.runtime.responder.orders;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The order memory of one replica: bounded (oldest change dropped first) and expiring. */
public final class InMemoryOrderMemory implements OrderMemory {
  static final int MAX = 100_000;

  private record Kept(String state, long at) {}

  // access order false: the eldest is the one changed longest ago
  private final LinkedHashMap<String, Kept> states =
      new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Kept> eldest) {
          return size() > MAX || System.nanoTime() - eldest.getValue().at() > KEEP.toNanos();
        }
      };

  @Override
  public synchronized Optional<String> recall(String conversation) {
    Kept k = states.get(conversation);
    return k == null || System.nanoTime() - k.at() > KEEP.toNanos() ? Optional.empty() : Optional.of(k.state());
  }

  @Override
  public synchronized void keep(String conversation, String state) {
    states.remove(conversation);
    states.put(conversation, new Kept(state, System.nanoTime()));
  }
}
