package dev.sidekick.runtime.gladly;

/**
 * Gladly's budget of requests per second per organization and method, shared by every replica through the store (the
 * local {@link RequestLimiter} alone would let each replica spend all of it). Each replica still keeps its own limiter
 * for what Gladly tells it (429s, {@code Ratelimit-Remaining-Second}).
 */
public interface SharedBudget {
  /** Waits for a slot of this method shared by all replicas; false when none comes before the deadline. */
  boolean acquire(String method, Deadline deadline);

  /** A slot right now that leaves {@code reserve} slots of the window for answers, or false. */
  boolean tryAcquire(String method, int reserve);

  /** Gladly said the budget is spent: no replica sends this method for {@code nanos}. */
  void pause(String method, long nanos);
}
