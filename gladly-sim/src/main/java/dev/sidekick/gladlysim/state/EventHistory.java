package dev.sidekick.gladlysim.state;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The events one organization raised, oldest first and bounded (the oldest go first). Guarded by the {@link SimState} lock. */
public final class EventHistory {
  private final ArrayDeque<Event> events = new ArrayDeque<>();

  void record(List<Event> raised, int max) {
    events.addAll(raised);
    while (events.size() > Math.max(0, max)) events.removeFirst();
  }

  /** Events recorded in [{@code from}, {@code to}] that {@code wanted} accepts, oldest first. */
  public List<Event> between(Instant from, Instant to, Predicate<Event> wanted) {
    List<Event> out = new ArrayList<>();
    for (Event e : events) {
      if (e.timestamp().isBefore(from)) continue;
      if (e.timestamp().isAfter(to)) break;
      if (wanted.test(e)) out.add(e);
    }
    return out;
  }

  public int size() {
    return events.size();
  }
}
