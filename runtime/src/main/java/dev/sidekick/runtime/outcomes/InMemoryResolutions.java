package dev.sidekick.runtime.outcomes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The watches of one replica; bounded (the oldest watch is dropped uncounted past {@link #MAX}). */
public final class InMemoryResolutions implements Resolutions {
  static final int MAX = 100_000;

  private final LinkedHashMap<String, Watch> watches =
      new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Watch> eldest) {
          return size() > MAX;
        }
      };

  @Override
  public synchronized void watch(Watch watch) {
    watches.remove(watch.conversation());
    watches.put(watch.conversation(), watch);
  }

  @Override
  public synchronized Optional<Watch> end(String conversation) {
    return Optional.ofNullable(watches.remove(conversation));
  }

  @Override
  public synchronized List<Watch> claimDue(Instant now, int max) {
    List<Watch> due = new ArrayList<>();
    var it = watches.values().iterator();
    while (it.hasNext() && due.size() < max) {
      Watch w = it.next();
      if (!w.due().isAfter(now)) {
        due.add(w);
        it.remove();
      }
    }
    return due;
  }
}
