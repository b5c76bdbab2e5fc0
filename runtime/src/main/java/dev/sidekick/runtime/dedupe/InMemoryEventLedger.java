package dev.sidekick.runtime.dedupe;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ledger of one replica: bounded (oldest dropped first) and expiring (longer than Gladly's retry schedule of about
 * 1 h 35 min). A finished event keeps only its id and time, so the bound costs little memory.
 */
public final class InMemoryEventLedger implements EventLedger {
  static final int MAX_EVENTS = 200_000;
  static final Duration KEEP = Duration.ofHours(3);

  private final LinkedHashMap<String, Entry> events = new LinkedHashMap<>();
  private final java.time.Instant since = java.time.Instant.now();

  @Override
  public synchronized Claim claim(String eventId) {
    long now = System.nanoTime();
    purge(now);
    Entry e = events.get(eventId);
    if (e == null) {
      e = new Entry(now);
      events.put(eventId, e);
    }
    if (e.progress == null) {
      return new Claim.Duplicate();
    }
    if (e.active) {
      return new Claim.Busy();
    }
    e.active = true;
    e.progress.nextAttempt();
    return new Claim.Granted(e.progress, since);
  }

  @Override
  public synchronized void finish(String eventId) {
    Entry e = events.get(eventId);
    if (e != null) {
      e.active = false;
      e.progress = null;
    }
  }

  @Override
  public synchronized void release(String eventId) {
    Entry e = events.get(eventId);
    if (e != null) {
      e.active = false;
    }
  }

  public synchronized int size() {
    return events.size();
  }

  private void purge(long now) {
    long oldest = now - KEEP.toNanos();
    Iterator<Map.Entry<String, Entry>> it = events.entrySet().iterator();
    while (it.hasNext()) {
      Entry e = it.next().getValue();
      if ((events.size() >= MAX_EVENTS || e.created - oldest < 0) && !e.active) {
        it.remove();
      } else {
        break;
      }
    }
  }

  private static final class Entry {
    final long created;
    // null once finished
    EventProgress progress = new EventProgress(0, EventProgress.Journal.NONE);
    boolean active;

    Entry(long created) {
      this.created = created;
    }
  }
}
