package dev.sidekick.runtime.catchup;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What catch-up needs to remember, on Gladly's clock: when each endpoint's channel last had an event handled (where a
 * gap would begin), up to when the gaps were caught up, and who is catching up now (one replica at a time). In this
 * process for one replica ({@link InMemoryCatchUpMarks}), in the shared store for several ({@code store.RedisCatchUpMarks}).
 */
public interface CatchUpMarks {
  /** An event of {@code channel} ("endpoint/channel") recorded at {@code at} was handled; kept if later than the last. */
  void handled(String channel, Instant at);

  Optional<Instant> lastHandled(String channel);

  /** Every gap before {@code until} has been caught up (kept if later than the last). */
  void covered(Instant until);

  Optional<Instant> coveredUntil();

  /** Runs {@code job} as the only replica catching up; false when another held the turn for all of {@code wait}. */
  boolean exclusively(Duration wait, Runnable job) throws InterruptedException;
}
