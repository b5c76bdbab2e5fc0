package dev.sidekick.runtime.dedupe;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The event ids this runtime has seen: bounded (oldest dropped first) and expiring (longer than Gladly's
 * retry schedule of about 1 h 35 min), each with its {@link EventProgress}. An id that is being handled
 * cannot be claimed a second time.
 */
@ApplicationScoped
public class EventLedger {
  static final int MAX_EVENTS = 200_000;
  static final Duration KEEP = Duration.ofHours(3);

  private final LinkedHashMap<String, Entry> events = new LinkedHashMap<>();

  /** The answer to "may I handle this event now?". */
  public sealed interface Claim {
    /** Already handled: answer 200 and do nothing. */
    record Duplicate() implements Claim {}

    /** Being handled by another delivery right now. */
    record Busy() implements Claim {}

    /** Yours: work on this progress, then {@link #finish} or {@link #release}. */
    record Granted(EventProgress progress) implements Claim {}
  }

  public synchronized Claim claim(String eventId) {
    long now = System.nanoTime();
    purge(now);
    Entry e = events.get(eventId);
    if (e == null) {
      e = new Entry(now);
      events.put(eventId, e);
    }
    if (e.finished) {
      return new Claim.Duplicate();
    }
    if (e.active) {
      return new Claim.Busy();
    }
    e.active = true;
    e.progress.attempts++;
    return new Claim.Granted(e.progress);
  }

  /** Handled for good (answered, handed off, left alone, or failed permanently). */
  public synchronized void finish(String eventId) {
    Entry e = events.get(eventId);
    if (e != null) {
      e.finished = true;
      e.active = false;
      e.progress.forgetDetails();
    }
  }

  /** Not finished (refused with 503): keep the progress for Gladly's redelivery. */
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
    final EventProgress progress = new EventProgress();
    boolean finished;
    boolean active;

    Entry(long created) {
      this.created = created;
    }
  }
}
