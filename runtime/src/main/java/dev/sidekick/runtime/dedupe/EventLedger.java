package dev.sidekick.runtime.dedupe;

/**
 * The event ids the runtime has seen, each with its {@link EventProgress}: in this process for one replica
 * ({@link InMemoryEventLedger}), in Redis for several ({@code store.RedisEventLedger}). An id being handled cannot be claimed
 * a second time, by this process or another.
 */
public interface EventLedger {

  /** The answer to "may I handle this event now?". */
  sealed interface Claim {
    /** Already handled: answer 200 and do nothing. */
    record Duplicate() implements Claim {}

    /** Being handled by another delivery right now (here or on another replica). */
    record Busy() implements Claim {}

    /**
     * Yours: work on this progress, then {@link #finish} or {@link #release}. {@code rememberedSince}: the ledger
     * knows every event handled since then (this process's start, or when the shared store was last emptied); of an
     * event recorded before it, another attempt may have left no record.
     */
    record Granted(EventProgress progress, java.time.Instant rememberedSince) implements Claim {}
  }

  Claim claim(String eventId);

  /** Handled for good (answered, handed off, left alone, or failed permanently). */
  void finish(String eventId);

  /** Not finished (refused with 503): keep the progress for the redelivery. */
  void release(String eventId);
}
