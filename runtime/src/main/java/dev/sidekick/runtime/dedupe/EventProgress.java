package dev.sidekick.runtime.dedupe;

import dev.sidekick.runtime.gladly.GladlyRefused;
import dev.sidekick.runtime.gladly.GladlyUnavailable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * What has been done for one event so far. When Gladly redelivers an event that got a 503, handling resumes here: the
 * same decision, and only the steps not yet done, so an answer is never sent twice. A write whose outcome is unknown
 * (any 5xx, a timeout, a dropped connection) is checked in Gladly before it is sent again: the one rule for every
 * write that is not idempotent ({@link #write}, {@link #endOnce}).
 *
 * <p>Used only under the event's session lock. With a shared store every change also goes to its {@link Journal}, so
 * another replica (or this one after a restart) resumes from the same point; a write is journalled as started before
 * it is sent, so a process killed in between leaves it uncertain, never forgotten.
 */
public final class EventProgress {
  private static final Logger LOG = Logger.getLogger(EventProgress.class);

  /** Where progress is kept beyond this object: nowhere for one process, the shared store for several replicas. */
  public interface Journal {
    Journal NONE = new Journal() {};

    /** A write is about to be sent: until {@link #done} or {@link #notSent}, its outcome is unknown. */
    default void started(String step) {}

    default void done(String step) {}

    /** The write surely did not take effect (429, no connection, refused). */
    default void notSent(String step) {}

    default void fact(String key, String value) {}

    /** The decision and the facts that came with it, kept together: a redelivery finds both or neither. */
    default void decision(Object decision, Map<String, String> facts) {}
  }

  private final Set<String> done = new HashSet<>();
  private final Set<String> uncertain = new HashSet<>();
  private final Map<String, String> facts = new HashMap<>();
  private final Journal journal;
  private Object decision;
  private boolean unknownRedelivery;
  private int attempts;

  public EventProgress(int attempts, Journal journal) {
    this.attempts = attempts;
    this.journal = journal;
  }

  /** Progress as a store kept it: steps done, steps started but not known to be done, facts, the decision. */
  public static EventProgress restored(
      int attempts, Set<String> done, Set<String> started, Map<String, String> facts, Object decision,
      Journal journal) {
    EventProgress p = new EventProgress(attempts, journal);
    p.done.addAll(done);
    started.stream().filter(s -> !done.contains(s)).forEach(p.uncertain::add);
    p.facts.putAll(facts);
    p.decision = decision;
    return p;
  }

  /** True on a redelivery that finds work already recorded. */
  public boolean resumed() {
    return attempts > 1 && (decision != null || !done.isEmpty() || !facts.isEmpty() || !uncertain.isEmpty());
  }

  public int attempts() {
    return attempts;
  }

  /** Another delivery of the same event takes this progress up (one process keeps the object between them). */
  void nextAttempt() {
    attempts++;
  }

  /**
   * Runs an idempotent write (or a read whose result is kept) unless it already succeeded for this event: sending it
   * again does no harm, so an unknown outcome needs no check.
   */
  public void step(String name, Runnable action) {
    if (done.contains(name)) {
      return;
    }
    action.run();
    markDone(name);
  }

  /**
   * Runs a write that must reach Gladly once: skipped when done; when an earlier try may have taken effect, sent again
   * only if {@code landed} (a look in Gladly) says it did not. An unknown outcome now leaves the step uncertain and
   * asks for a redelivery, which checks before sending.
   */
  public void write(String name, Runnable send, BooleanSupplier landed) {
    if (done.contains(name)) {
      return;
    }
    if (isUncertain(name)) {
      if (landed.getAsBoolean()) {
        LOG.infof("%s of an earlier attempt did reach Gladly: not sending it again", name);
        markDone(name);
        return;
      }
      LOG.infof("%s of an earlier attempt did not reach Gladly: sending it", name);
    }
    send(name, send);
  }

  /**
   * Ends a chat session once (hand-off, close). Gladly shows no trace of a close, so the check is the send itself:
   * when an earlier try may have ended the session, Gladly refusing this one (the session is no longer active) means
   * it did.
   */
  public void endOnce(String name, Runnable send) {
    if (done.contains(name)) {
      return;
    }
    boolean mayBeDone = isUncertain(name);
    try {
      send(name, send);
    } catch (GladlyRefused e) {
      if (!mayBeDone) {
        throw e;
      }
      LOG.infof("%s of an earlier attempt did go through: %s", name, e.getMessage());
      markDone(name);
    }
  }

  private void send(String name, Runnable send) {
    journal.started(name);
    try {
      send.run();
    } catch (GladlyUnavailable e) {
      if (e.uncertain()) {
        uncertain.add(name);
      } else {
        uncertain.remove(name);
        journal.notSent(name);
      }
      throw e;
    } catch (GladlyRefused e) {
      journal.notSent(name);
      throw e;
    }
    markDone(name);
  }

  /**
   * A step that must not undo the steps before it (a note, a topic, a close after the answer): Gladly refusing it
   * (4xx) is logged and the step counts as done; Gladly being unavailable still asks for a redelivery.
   */
  public void refusalTolerated(String name, Runnable step) {
    try {
      step.run();
    } catch (GladlyRefused e) {
      LOG.warnf("%s refused by Gladly, carrying on: %s", name, e.getMessage());
      markDone(name);
    }
  }

  public boolean isDone(String name) {
    return done.contains(name);
  }

  /**
   * A redelivery of which no record is left: another replica, or this process before a restart, may have done some
   * of its steps. Every write is then checked in Gladly before it is sent.
   */
  public void redeliveryFromElsewhere() {
    unknownRedelivery = true;
  }

  /** A write whose last try may have taken effect in Gladly: check before doing it again. */
  public boolean isUncertain(String name) {
    return (unknownRedelivery || uncertain.contains(name)) && !done.contains(name);
  }

  private void markDone(String name) {
    done.add(name);
    uncertain.remove(name);
    journal.done(name);
  }

  /** The decision made on the first attempt, so a redelivery does not decide differently. */
  public <T> T decision(Supplier<T> decide) {
    return decision(decide, Map::of);
  }

  /**
   * The decision made on the first attempt, recorded with facts that deciding produced ({@code factsWithIt}, asked
   * after deciding): a redelivery gets the same decision and the same facts, never one without the other.
   */
  @SuppressWarnings("unchecked")
  public <T> T decision(Supplier<T> decide, Supplier<Map<String, String>> factsWithIt) {
    if (decision == null) {
      T decided = decide.get();
      Map<String, String> with = factsWithIt.get();
      journal.decision(decided, with);
      decision = decided;
      facts.putAll(with);
    }
    return (T) decision;
  }

  public Optional<String> fact(String key) {
    return Optional.ofNullable(facts.get(key));
  }

  public void remember(String key, String value) {
    if (value != null && !value.equals(facts.get(key))) {
      facts.put(key, value);
      journal.fact(key, value);
    }
  }
}
