package dev.sidekick.runtime.dedupe;

import dev.sidekick.runtime.gladly.GladlyRefused;
import dev.sidekick.runtime.gladly.GladlyUnavailable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * What has been done for one event so far. When Gladly redelivers an event that got a 503, handling
 * resumes here: the same decision, and only the steps not yet done, so an answer is never sent twice.
 * Used only under the event's session lock.
 */
public final class EventProgress {
  private static final Logger LOG = Logger.getLogger(EventProgress.class);
  private final Set<String> done = new HashSet<>();
  private final Set<String> uncertain = new HashSet<>();
  private final Map<String, String> facts = new HashMap<>();
  private Object decision;
  private boolean unknownRedelivery;
  int attempts;

  /** True on a redelivery that finds work already recorded. */
  public boolean resumed() {
    return attempts > 1 && (decision != null || !done.isEmpty() || !facts.isEmpty());
  }

  public int attempts() {
    return attempts;
  }

  /** Runs {@code action} unless it already succeeded for this event. */
  public void step(String name, Runnable action) {
    if (done.contains(name)) {
      return;
    }
    try {
      action.run();
    } catch (GladlyUnavailable e) {
      if (e.uncertain()) {
        uncertain.add(name);
      }
      throw e;
    }
    done.add(name);
    uncertain.remove(name);
  }

  /**
   * A step that must not undo the steps before it (a note, a topic, a close after the answer): Gladly refusing
   * it (4xx) is logged and the step counts as done; Gladly being unavailable still asks for a redelivery.
   */
  public void stepRefusalTolerated(String name, Runnable action) {
    try {
      step(name, action);
    } catch (GladlyRefused e) {
      LOG.warnf("%s refused by Gladly, carrying on: %s", name, e.getMessage());
      markDone(name);
    }
  }

  public boolean isDone(String name) {
    return done.contains(name);
  }

  /**
   * A redelivery of which this process has no record: another replica, or this process before a restart, may
   * have done some of its steps. Every step is then uncertain until it is done here.
   */
  public void redeliveryFromElsewhere() {
    unknownRedelivery = true;
  }

  /** A step whose last try may have taken effect in Gladly: check before doing it again. */
  public boolean isUncertain(String name) {
    return (unknownRedelivery || uncertain.contains(name)) && !done.contains(name);
  }

  public void markDone(String name) {
    done.add(name);
    uncertain.remove(name);
  }

  /** The decision made on the first attempt, so a redelivery does not decide differently. */
  @SuppressWarnings("unchecked")
  public <T> T decision(Supplier<T> decide) {
    if (decision == null) {
      decision = decide.get();
    }
    return (T) decision;
  }

  public Optional<String> fact(String key) {
    return Optional.ofNullable(facts.get(key));
  }

  public void remember(String key, String value) {
    if (value != null) {
      facts.put(key, value);
    }
  }

  void forgetDetails() {
    decision = null;
    facts.clear();
    uncertain.clear();
  }
}
